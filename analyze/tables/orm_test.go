package tables

import (
	"slices"
	"strings"
	"testing"
)

// TestORMs checks, per ORM, that a package using a model type through
// the ORM touches the model's table, read or written as the call says,
// with Via ORM; tables come from TableName(), tags, registrations,
// annotations or the ORM's default naming.
func TestORMs(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // "pkg table access via"
		not   []string // "pkg table" that must not appear
	}{
		{"beego", map[string]string{
			"models/models.go": `package models

type Tag struct{ ID int }

type Repo struct{ ID int }

func (r *Repo) TableName() string { return RepoTable }

const RepoTable = "repository"
`,
			"dao/dao.go": `package dao

import (
	"github.com/beego/beego/v2/client/orm"

	"example.com/m/models"
)

func init() { orm.RegisterModel(new(models.Tag), &models.Repo{}) }

func List(o orm.Ormer) {
	var list []*models.Repo
	o.QueryTable(new(models.Repo)).Filter("id", 1).All(&list)
	o.QueryTable("label").Filter("id", 1).Delete()
}

func Create(o orm.Ormer, t *models.Tag) { o.Insert(t) }

func Get(o orm.Ormer, id int) { t := &models.Tag{ID: id}; o.Read(t) }

func Remove(o orm.Ormer) { o.Delete(&models.Tag{ID: 1}) }
`,
			"lib/orm/orm.go": `package orm

import "github.com/beego/beego/v2/client/orm"

func QuerySetter(ctx any, model any, q any) orm.QuerySeter { return nil }
`,
			"wrapped/dao.go": `package wrapped

import (
	"example.com/m/lib/orm"
	"example.com/m/models"
)

func Count(ctx any) { orm.QuerySetter(ctx, &models.Tag{}, nil) }
`,
		}, []string{"dao tag ddl orm", "dao repository ddl orm", "dao repository read orm", "dao label write direct",
			"dao tag write orm", "dao tag read orm", "wrapped tag read orm", "models repository ddl direct"}, nil},
		{"gorp", map[string]string{
			"store/store.go": `package store

import "github.com/go-gorp/gorp/v3"

type User struct{ ID int }

type Note struct{ ID int }

func setup(dbmap *gorp.DbMap) {
	dbmap.AddTableWithName(User{}, "app_users")
	dbmap.AddTable(Note{})
}

func save(dbmap *gorp.DbMap, u *User) { dbmap.Insert(u) }

func load(dbmap *gorp.DbMap) { dbmap.Get(Note{}, 1) }
`,
		}, []string{"store app_users ddl orm", "store app_users write orm", "store note read orm"}, nil},
		{"gorm", map[string]string{
			"model/model.go": `package model

type User struct{ ID int }

type APIToken struct {
	ID int ` + "`gorm:\"primaryKey\"`" + `
}

type Issue struct{ ID int }

func (Issue) TableName() string { return "issue_list" }
`,
			"repo/repo.go": `package repo

import (
	"gorm.io/gorm"

	"example.com/m/model"
)

func migrate(db *gorm.DB) { db.AutoMigrate(&model.User{}, &model.Issue{}) }

func users(db *gorm.DB) {
	var u model.User
	db.Create(&u)
	db.First(&u, 1)
	var tokens []model.APIToken
	db.Where("user_id = ?", u.ID).Find(&tokens)
	db.Model(&model.User{}).Where("id = ?", 1).Update("name", "x")
	db.Table("audit").Where("id = ?", 1).Updates(map[string]any{"a": 1})
	var n int64
	db.Model(&model.Issue{}).Count(&n)
	db.Delete(&model.Issue{}, 1)
}
`,
		}, []string{"repo users ddl orm", "repo issue_list ddl orm", "repo users write orm", "repo users read orm",
			"repo api_tokens read orm", "repo audit write direct", "repo issue_list read orm", "repo issue_list write orm"},
			[]string{"repo api_tokens write"}},
		{"xorm", map[string]string{
			"models/user.go": `package models

import "xorm.io/xorm"

type User struct {
	ID int ` + "`xorm:\"pk autoincr\"`" + `
}

type AccessToken struct{ ID int }

type userWithTeam struct {
	User ` + "`xorm:\"extends\"`" + `
}

func create(x *xorm.Engine) {
	u := &User{}
	x.Insert(u)
	var t AccessToken
	x.Where("id = ?", 1).Get(&t)
	sess := x.NewSession()
	list := []User{}
	sess.Table("repo_unit").Find(&list)
	x.Sync2(new(AccessToken))
	var rows []*userWithTeam
	x.Table("user").Join("INNER", "team", "team.uid = user.id").Find(&rows)
	perms := []*teamWithPermission{}
	x.Where("team_id = ?", 1).Find(&perms)
}

type Team struct{ ID int }

func (Team) TableName() string { return "teams" }

type teamWithPermission struct {
	Team       ` + "`xorm:\"extends\"`" + `
	Permission int
}
`,
		}, []string{"models user write orm", "models access_token read orm", "models repo_unit read direct",
			"models user read direct", "models access_token ddl orm", "models teams read orm"},
			[]string{"models user_with_team", "models user read orm", "models team_with_permission"}},
		{"gorm singular", map[string]string{
			"db/db.go": `package db

import "gorm.io/gorm"

var config = gorm.Config{NamingStrategy: schema.NamingStrategy{SingularTable: true}}

type AccessToken struct {
	ID int ` + "`gorm:\"primaryKey\"`" + `
}

type Clusters struct {
	ID int ` + "`gorm:\"primaryKey\"`" + `
}

func create(db *gorm.DB) { db.Create(&AccessToken{}); db.Find(&[]Clusters{}) }
`,
		}, []string{"db access_token write orm", "db clusters read orm"}, nil},
		{"bun", map[string]string{
			"store/store.go": `package store

import "github.com/uptrace/bun"

type Story struct {
	bun.BaseModel ` + "`bun:\"table:stories,alias:s\"`" + `
	ID int
}

type Book struct {
	bun.BaseModel
	ID int
}

func list(db *bun.DB) {
	var stories []Story
	db.NewSelect().Model(&stories).Scan(nil)
	b := &Book{}
	db.NewInsert().Model(b).Exec(nil)
}
`,
		}, []string{"store stories read orm", "store books write orm"}, []string{"store stories write"}},
		{"go-pg", map[string]string{
			"store/store.go": `package store

import "github.com/go-pg/pg/v10"

type Account struct {
	tableName struct{} ` + "`pg:\"accounts_tbl,alias:a\"`" + `
	ID        int
}

func save(db *pg.DB, a *Account) {
	db.Model(a).Insert()
	var list []Account
	db.Model(&list).Select()
}
`,
		}, []string{"store accounts_tbl write orm", "store accounts_tbl read orm"}, nil},
		{"sqlx named", map[string]string{
			"store/store.go": `package store

import "github.com/jmoiron/sqlx"

type Person struct{ Name string }

func save(db *sqlx.DB, p Person) {
	db.NamedExec("INSERT INTO people (name) VALUES (:name)", p)
	db.NamedQuery("SELECT * FROM people WHERE name = :name", map[string]any{"name": "x"})
	db.Get(&p, "SELECT name FROM people LIMIT 1")
}
`,
		}, []string{"store people write direct", "store people read direct"}, []string{"store person"}},
		{"ent", map[string]string{
			"ent/schema/user.go": `package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
)

type User struct{ ent.Schema }

func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "app_users"}}
}

type Pet struct{ ent.Schema }
`,
			"service/service.go": `package service

import "example.com/m/ent"

func run(client *ent.Client) {
	client.User.Create().SetName("x").Save(nil)
	client.Pet.Query().All(nil)
	client.Config.Get(nil)
}
`,
		}, []string{"ent/schema app_users ddl orm", "ent/schema pets ddl orm", "service app_users write orm", "service pets read orm"},
			[]string{"service config"}},
		{"sqlc", map[string]string{
			"db/query.sql": "-- name: GetAuthor :one\nSELECT * FROM authors WHERE id = $1;\n",
			"db/query.sql.go": "// Code generated by sqlc. DO NOT EDIT.\n\npackage db\n\n" + `import "context"

const getAuthor = ` + "`-- name: GetAuthor :one\nSELECT id, name FROM authors\nWHERE id = $1 LIMIT 1\n`" + `

type Queries struct{ db interface{ QueryRowContext(context.Context, string, ...any) any } }

func (q *Queries) GetAuthor(ctx context.Context, id int64) { q.db.QueryRowContext(ctx, getAuthor, id) }
`,
			"service/service.go": `package service

import "example.com/m/db"

func Author(q *db.Queries) { q.GetAuthor(nil, 1) }
`,
		}, []string{"db authors read direct", "service authors read carried"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"go.mod": "module example.com/m\n"}
			for k, v := range tt.files {
				files[k] = v
			}
			r := collectAll(t, writeRepo(t, files), Options{})
			var got []string
			for pkg, l := range r.Packages {
				for _, pt := range l {
					got = append(got, strings.Join([]string{pkg, pt.Name, pt.Access, pt.Via}, " "))
				}
			}
			slices.Sort(got)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q", w)
				}
			}
			for _, n := range tt.not {
				for _, g := range got {
					if strings.HasPrefix(g, n+" ") || strings.HasPrefix(g, n+"s ") {
						t.Errorf("unexpected %q", g)
					}
				}
			}
			if t.Failed() {
				t.Logf("got %q", got)
			}
		})
	}
}
