package httpx

import (
	"encoding/json"
	"net/http"
	"strconv"

	"example.com/shop/platform/errs"
)

// JSON writes v with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Error maps err to a status through its kind, so handlers never choose
// status codes for failures themselves.
func Error(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	switch errs.KindOf(err) {
	case errs.KindNotFound:
		status = http.StatusNotFound
	case errs.KindInvalid:
		status = http.StatusBadRequest
	case errs.KindConflict:
		status = http.StatusConflict
	case errs.KindUnauthorized:
		status = http.StatusUnauthorized
	}
	msg := http.StatusText(status)
	if status < 500 {
		msg = err.Error()
	}
	JSON(w, status, map[string]string{"error": msg})
}

// Decode reads a JSON body into v and rejects unknown fields.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Invalid("httpx.Decode", "bad body: %v", err)
	}
	return nil
}

// PathID parses the {name} path value as a positive id.
func PathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.Invalid("httpx.PathID", "bad %s %q", name, r.PathValue(name))
	}
	return id, nil
}
