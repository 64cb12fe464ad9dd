using System.Security.Cryptography;
using System.Text;
using LavaMoat.Bundler.Syntax.Ast;

namespace LavaMoat.Bundler.Syntax.Tests.Infrastructure;

/// <summary>Our tree in the canonical JSON form that <c>acorn-dump.mjs</c> hashes (keys sorted at every level).</summary>
public static class EstreeCanonical
{
    /// <summary>Canonical JSON of <paramref name="tree"/>.</summary>
    public static string Json(Program tree) => EstreeJsonWriter.Write(tree, sortKeys: true);

    /// <summary>SHA-256 (lowercase hex) of the UTF-8 of <paramref name="canonicalJson"/>, like the dumper's hash.</summary>
    public static string Hash(string canonicalJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));
}
