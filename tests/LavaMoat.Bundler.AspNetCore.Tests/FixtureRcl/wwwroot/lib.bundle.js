// Stands in for a LavaMoat bundle shipped by a Razor class library.
globalThis.lavamoatFixtureLib = true;
