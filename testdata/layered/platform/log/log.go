// Package log writes structured log lines.
package log

import "fmt"

// Info logs a message.
func Info(msg string, kv ...any) { fmt.Println(append([]any{msg}, kv...)...) }
