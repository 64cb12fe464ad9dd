// Stands in for a LavaMoat bundle: the tests check how it is referenced, served and allowed to run, and whether the
// page's policy lets it reach eval (a real bundle never needs to; compartments would be escapable if it could).
globalThis.lavamoatFixtureApp = 'loaded';
try {
  globalThis.lavamoatFixtureEval = String((0, eval)('1 + 1'));
} catch (error) {
  globalThis.lavamoatFixtureEval = error.name;
}
