// Package config reads the shop's settings from the environment, which is
// how the container platform hands them over.
package config

import (
	"os"
	"strconv"
	"time"

	"example.com/shop/platform/errs"
)

// Config holds the settings shopd needs at start-up.
type Config struct {
	DatabaseURL   string
	HTTPAddr      string
	Debug         bool
	SessionTTL    time.Duration
	GatewayURL    string
	GatewayAPIKey string
}

// Load reads the configuration and rejects a missing database URL early,
// because every other failure would be harder to diagnose.
func Load() (*Config, error) {
	cfg := &Config{
		DatabaseURL:   os.Getenv("SHOP_DATABASE_URL"),
		HTTPAddr:      String("SHOP_HTTP_ADDR", ":8080"),
		Debug:         Bool("SHOP_DEBUG", false),
		SessionTTL:    Duration("SHOP_SESSION_TTL", 24*time.Hour),
		GatewayURL:    String("SHOP_GATEWAY_URL", "https://pay.example.com"),
		GatewayAPIKey: os.Getenv("SHOP_GATEWAY_KEY"),
	}
	if cfg.DatabaseURL == "" {
		return nil, errs.Invalid("config.Load", "SHOP_DATABASE_URL is not set")
	}
	return cfg, nil
}

// String returns the variable key, or def when it is unset.
func String(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

// Bool returns the variable key parsed as a bool, or def.
func Bool(key string, def bool) bool {
	b, err := strconv.ParseBool(os.Getenv(key))
	if err != nil {
		return def
	}
	return b
}

// Duration returns the variable key parsed as a duration, or def.
func Duration(key string, def time.Duration) time.Duration {
	d, err := time.ParseDuration(os.Getenv(key))
	if err != nil {
		return def
	}
	return d
}
