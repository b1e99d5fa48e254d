// Command shopd serves the shop's HTTP API.
package main

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"time"

	_ "github.com/lib/pq"

	"example.com/shop/api"
	"example.com/shop/billing"
	"example.com/shop/billing/invoice"
	"example.com/shop/billing/payment"
	billstore "example.com/shop/billing/store"
	"example.com/shop/catalog"
	"example.com/shop/catalog/pricing"
	"example.com/shop/catalog/search"
	catstore "example.com/shop/catalog/store"
	"example.com/shop/identity"
	"example.com/shop/identity/session"
	idstore "example.com/shop/identity/store"
	"example.com/shop/ordering"
	"example.com/shop/ordering/cart"
	ordstore "example.com/shop/ordering/store"
	"example.com/shop/platform/config"
	"example.com/shop/platform/db"
	"example.com/shop/platform/log"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	lg := log.New("shopd", cfg.Debug)
	database, err := db.Open(ctx, cfg, lg)
	if err != nil {
		lg.Error(ctx, "open database", err)
		os.Exit(1)
	}
	defer database.Close()
	if err := database.Migrate(ctx); err != nil {
		lg.Error(ctx, "migrate", err)
		os.Exit(1)
	}

	cs, ords, bs, is := catstore.New(database), ordstore.New(database), billstore.New(database), idstore.New(database)
	sessions := session.NewManager(is, cfg)
	carts := cart.NewService(ords, cs)
	orders := ordering.NewService(ords, carts, pricing.NewEngine(cs), lg)
	issuer := invoice.NewIssuer(bs, lg)
	payments := payment.NewProcessor(bs, payment.NewHTTPGateway(cfg), lg)

	handler := api.New(api.Deps{
		Catalog:  catalog.NewService(cs, lg),
		Search:   search.New(database),
		Carts:    carts,
		Orders:   orders,
		Billing:  billing.NewService(orders, bs, issuer, payments, lg),
		Identity: identity.NewService(is, sessions, lg),
		Sessions: sessions,
	}, lg)

	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: handler, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	lg.Info(ctx, "listening", "addr", cfg.HTTPAddr)
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		lg.Error(ctx, "serve", err)
	}
}
