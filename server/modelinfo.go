package server

import (
	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/model"
)

// modelInfo is the answer of GET /v1/model: which model scores, how it was
// trained and how well it did in cross-validation.
type modelInfo struct {
	// Name is Options.ModelName: "built-in" or the model file's name.
	Name string `json:"name"`
	// SHA256 is the hash of the model as newsqual writes it, which is the
	// model file's own hash when newsqual wrote the file.
	SHA256         string `json:"sha256"`
	Format         string `json:"format"`
	FeatureVersion string `json:"feature_version"`
	Date           string `json:"date,omitempty"`
	Revision       string `json:"revision,omitempty"`
	// Thresholds are those in effect: the scorer's, which a request's
	// query may override for that request.
	Thresholds thresholdsInfo `json:"thresholds"`
	// ModelThresholds are the model file's own.
	ModelThresholds thresholdsInfo `json:"model_thresholds"`
	// Inputs is the number of model inputs (signals, their fired flags and
	// the text model).
	Inputs   int          `json:"inputs"`
	Training trainingInfo `json:"training"`
	// Build is the build of the binary serving, as newsqual version
	// prints it (with SHA256, Date and Revision, the same provenance).
	Build newsqual.Build `json:"build"`
}

// trainingInfo is model.Training without the calibration table.
type trainingInfo struct {
	Data                    []model.DataFile `json:"data"`
	Augmented               int              `json:"augmented"`
	Seed                    int64            `json:"seed"`
	Folds                   int              `json:"folds"`
	Lambda                  float64          `json:"lambda"`
	CrossValidated          model.Metrics    `json:"cross_validated"`
	CrossValidatedOriginals model.Metrics    `json:"cross_validated_originals"`
}

func newModelInfo(m *model.Model, th model.Thresholds, name, sha string) modelInfo {
	t := m.Training
	data := t.Data
	if data == nil {
		data = []model.DataFile{}
	}
	return modelInfo{
		Name:            name,
		SHA256:          sha,
		Format:          m.Format,
		FeatureVersion:  m.FeatureVersion,
		Date:            t.Date,
		Revision:        t.Revision,
		Thresholds:      newThresholdsInfo(th),
		ModelThresholds: newThresholdsInfo(m.Thresholds),
		Inputs:          len(m.Features),
		Build:           newsqual.ReadBuild(),
		Training: trainingInfo{
			Data:                    data,
			Augmented:               t.Augmented,
			Seed:                    t.Seed,
			Folds:                   t.Folds,
			Lambda:                  t.Lambda,
			CrossValidated:          t.CrossValidated,
			CrossValidatedOriginals: t.CrossValidatedOriginals,
		},
	}
}
