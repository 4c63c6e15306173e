// The shared floor: the list of checks that makes up the feature set. It
// is the one floor file that names the families, each by its constructor.

package features

// checks is the feature set: every check, in the order its signals appear
// in Names. Adding a family of signals means adding a file with its Check and
// one line here (and a new Version).
var checks = []Check{
	newAdInjection(),
	newShopTemplate(),
	newStuffing(),
	newAIFiller(),
	newSourcing(),
	newBoilerplate(),
	newTextStats(),
	newLexical(),
	newHiddenText(),
}
