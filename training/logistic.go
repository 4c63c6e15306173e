package training

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"

	"github.com/newsqual/newsqual/model"
)

// Scaling standardises inputs to zero mean and unit variance.
type Scaling struct {
	Mean, Scale []float64
}

// FitScaling computes each column's mean and standard deviation; a constant
// column gets scale 1 so that it stays harmless.
func FitScaling(x [][]float64) Scaling {
	if len(x) == 0 {
		return Scaling{}
	}
	d := len(x[0])
	s := Scaling{Mean: make([]float64, d), Scale: make([]float64, d)}
	for _, row := range x {
		for j, v := range row {
			s.Mean[j] += v
		}
	}
	n := float64(len(x))
	for j := range s.Mean {
		s.Mean[j] /= n
	}
	for _, row := range x {
		for j, v := range row {
			dv := v - s.Mean[j]
			s.Scale[j] += dv * dv
		}
	}
	for j := range s.Scale {
		s.Scale[j] = math.Sqrt(s.Scale[j] / n)
		if s.Scale[j] < 1e-9 {
			s.Scale[j] = 1
		}
	}
	return s
}

// Apply returns standardised copies of the rows.
func (s Scaling) Apply(x [][]float64) [][]float64 {
	out := make([][]float64, len(x))
	for i, row := range x {
		z := make([]float64, len(row))
		for j, v := range row {
			z[j] = (v - s.Mean[j]) / s.Scale[j]
		}
		out[i] = z
	}
	return out
}

// Logistic is a fitted logistic regression over standardised inputs.
type Logistic struct {
	Weights   []float64
	Intercept float64
}

// Predict returns the probability of the positive class for one
// standardised row.
func (l Logistic) Predict(z []float64) float64 {
	s := l.Intercept
	for j, w := range l.Weights {
		s += w * z[j]
	}
	return model.Sigmoid(s)
}

// FitLogistic fits an L2-regularised logistic regression with an
// unpenalised intercept by minimising the mean log loss plus
// lambda/2 · ‖w‖² with L-BFGS (gonum.org/v1/gonum/optimize). Rows must be
// standardised. The weights of the inputs that fixed marks (none when
// fixed is nil) stay 0: the model may not use them.
func FitLogistic(z [][]float64, y []bool, lambda float64, fixed ...bool) (Logistic, error) {
	if len(z) == 0 {
		return Logistic{}, errors.New("fit logistic: no examples")
	}
	d := len(z[0])
	n := float64(len(z))
	// Parameters: d weights, then the intercept.
	loss := func(theta, grad []float64) float64 {
		if grad != nil {
			clear(grad)
		}
		total := 0.0
		for i, row := range z {
			s := theta[d]
			for j, v := range row {
				s += theta[j] * v
			}
			// Stable log(1+e^s) − y·s.
			var l float64
			if s > 0 {
				l = s + math.Log1p(math.Exp(-s))
			} else {
				l = math.Log1p(math.Exp(s))
			}
			if y[i] {
				l -= s
			}
			total += l
			if grad != nil {
				r := model.Sigmoid(s)
				if y[i] {
					r--
				}
				for j, v := range row {
					grad[j] += r * v
				}
				grad[d] += r
			}
		}
		reg := 0.0
		for j := range d {
			reg += theta[j] * theta[j]
		}
		if grad != nil {
			for j := range grad {
				grad[j] /= n
			}
			for j := range d {
				grad[j] += lambda * theta[j]
				if j < len(fixed) && fixed[j] {
					grad[j] = 0
				}
			}
		}
		return total/n + lambda/2*reg
	}
	problem := optimize.Problem{
		Func: func(theta []float64) float64 { return loss(theta, nil) },
		Grad: func(grad, theta []float64) { loss(theta, grad) },
	}
	settings := &optimize.Settings{GradientThreshold: 1e-8, MajorIterations: 2000}
	res, err := optimize.Minimize(problem, make([]float64, d+1), settings, &optimize.LBFGS{})
	if err != nil && res == nil {
		return Logistic{}, fmt.Errorf("fit logistic: %w", err)
	}
	return Logistic{Weights: append([]float64(nil), res.X[:d]...), Intercept: res.X[d]}, nil
}
