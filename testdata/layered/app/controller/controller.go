// Package controller holds what every controller shares: rendering.
package controller

import (
	"encoding/json"
	"net/http"

	"example.com/layered/platform/log"
)

// Render writes v as JSON.
func Render(w http.ResponseWriter, v any) {
	log.Info("render")
	json.NewEncoder(w).Encode(v)
}
