using System.Collections.Frozen;

namespace LavaMoat.Bundler.Analysis;

/// <summary>
/// The names every SES compartment's global object already holds (ses 2.3.0: its universal, initial and
/// shared global property names, the value properties, and the per-compartment <c>eval</c>, <c>Function</c>
/// and <c>Compartment</c>). Code that reads these needs no policy entry, so policy generation and
/// <c>inspect</c> set them apart from the platform globals (<c>document</c>, <c>fetch</c>, …) a package
/// must be granted.
/// </summary>
public static class CompartmentGlobals
{
    public static FrozenSet<string> Names { get; } = FrozenSet.ToFrozenSet(
    [
        // value properties
        "globalThis", "Infinity", "NaN", "undefined",

        // function properties
        "isFinite", "isNaN", "parseFloat", "parseInt",
        "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent",
        "escape", "unescape",

        // constructors and namespaces
        "AggregateError", "Array", "ArrayBuffer", "AsyncIterator", "BigInt", "BigInt64Array", "BigUint64Array",
        "Boolean", "DataView", "Date", "Error", "EvalError", "Float16Array", "Float32Array", "Float64Array",
        "Int8Array", "Int16Array", "Int32Array", "Iterator", "JSON", "Map", "Math", "Number", "Object",
        "Promise", "Proxy", "RangeError", "ReferenceError", "Reflect", "RegExp", "Set", "String", "Symbol",
        "SyntaxError", "Temporal", "TextDecoder", "TextEncoder", "TypeError", "Uint8Array", "Uint8ClampedArray",
        "Uint16Array", "Uint32Array", "URIError", "WeakMap", "WeakSet",

        // SES additions
        "Compartment", "eval", "Function", "harden", "lockdown", "HandledPromise", "ModuleSource", "getStackString",
    ], StringComparer.Ordinal);
}
