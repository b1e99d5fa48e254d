// Command shopctl is the operators' tool: it creates admin accounts and
// prints catalog statistics without going through the HTTP API.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	_ "github.com/lib/pq"

	"example.com/shop/platform/config"
	"example.com/shop/platform/db"
	"example.com/shop/platform/log"
)

func usage() {
	fmt.Fprintln(os.Stderr, "usage: shopctl create-admin EMAIL NAME PASSWORD | stats")
	os.Exit(2)
}

func main() {
	flag.Usage = usage
	flag.Parse()
	if flag.NArg() == 0 {
		usage()
	}
	ctx := context.Background()
	cfg, err := config.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	database, err := db.Open(ctx, cfg, log.Nop())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer database.Close()

	switch args := flag.Args(); args[0] {
	case "create-admin":
		if len(args) != 4 {
			usage()
		}
		err = createAdmin(ctx, database, args[1], args[2], args[3])
	case "stats":
		err = stats(ctx, database)
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "shopctl:", err)
		os.Exit(1)
	}
}
