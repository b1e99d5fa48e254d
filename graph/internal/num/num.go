// Package num rounds figures for the JSON model: a figure that prints the
// same on every run, to as many digits as it means.
package num

import (
	"math"
	"strconv"
)

// Round keeps d decimals, so that the model holds stable, readable
// figures.
func Round(x float64, d int) float64 {
	f := math.Pow(10, float64(d))
	return math.Round(x*f) / f
}

// Sig keeps n significant digits, for figures that span many orders of
// magnitude (p-values, normalized weights). Going through the decimal text
// gives the float that prints as those digits, not 5.0499999999999995e-25.
func Sig(x float64, n int) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', n, 64), 64)
	return v
}
