using LavaMoat.Bundler.Policy;
using LavaMoat.Bundler.Tests.Infrastructure;

namespace LavaMoat.Bundler.Tests.Policy;

/// <summary>Loading and validation: every user mistake is a located LMB4xxx diagnostic, never an exception.</summary>
[TestClass]
public sealed class PolicyDocumentTests
{
    private const string File = "lavamoat/browserify/policy.json";

    [TestMethod]
    public void Invalid_global_value_names_file_json_path_and_position()
    {
        var text = "{\n  \"resources\": {\n    \"foo\": {\n      \"globals\": { \"fetch\": 3 }\n    }\n  }\n}";
        var result = PolicyDocument.Parse(text, File);

        Assert.IsNull(result.Document);
        var diagnostic = result.Diagnostics.Single();
        Assert.AreEqual(PolicyCodes.InvalidGlobalValue, diagnostic.Code);
        Assert.AreEqual("$.resources[\"foo\"].globals[\"fetch\"]", diagnostic.JsonPath);
        // Line 4 is `      "globals": { "fetch": 3 }`; the 3 is its 29th character.
        Assert.AreEqual(4, diagnostic.Line);
        Assert.AreEqual(29, diagnostic.Column);
        Assert.AreEqual(
            "lavamoat/browserify/policy.json(4,29): error LMB4003: $.resources[\"foo\"].globals[\"fetch\"]: expected true, false or \"write\", got 3",
            diagnostic.ToString());
    }

    [TestMethod]
    [DataRow("\"read\"")]
    [DataRow("\"redefine\"")]
    [DataRow("\"WRITE\"")]
    [DataRow("null")]
    [DataRow("{}")]
    public void Global_values_other_than_true_false_write_are_rejected(string value)
    {
        var result = PolicyDocument.Parse("{\"resources\":{\"a\":{\"globals\":{\"x\":" + value + "}}}}", File);
        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(PolicyCodes.InvalidGlobalValue, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void Write_is_only_a_globals_value()
    {
        var result = PolicyDocument.Parse("""{"resources":{"a":{"packages":{"b":"write"},"builtin":{"fs":1},"native":"yes"}}}""", File);
        CollectionAssert.AreEqual(
            new[] { "$.resources[\"a\"].packages[\"b\"]", "$.resources[\"a\"].builtin[\"fs\"]", "$.resources[\"a\"].native" },
            result.Diagnostics.Select(d => d.JsonPath).ToArray());
        Assert.IsTrue(result.Diagnostics.All(d => d.Code == PolicyCodes.InvalidBooleanValue));
    }

    [TestMethod]
    public void Malformed_json_reports_line_and_column()
    {
        var result = PolicyDocument.Parse("{\n  \"resources\": {\n    \"a\": {,}\n  }\n}", File);
        var diagnostic = result.Diagnostics.Single();
        Assert.AreEqual(PolicyCodes.MalformedJson, diagnostic.Code);
        Assert.AreEqual(3, diagnostic.Line);
        Assert.AreEqual(11, diagnostic.Column);
        Assert.IsNull(diagnostic.JsonPath);
        StringAssert.StartsWith(diagnostic.ToString(), "lavamoat/browserify/policy.json(3,11): error LMB4001: malformed JSON");
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("{\"resources\":{}} x")]
    [DataRow("{\"resources\":{},}")]
    [DataRow("// comment\n{\"resources\":{}}")]
    public void Text_json_parse_rejects_is_malformed(string text)
    {
        var result = PolicyDocument.Parse(text, File);
        Assert.AreEqual(PolicyCodes.MalformedJson, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void Shape_errors()
    {
        Assert.AreEqual("$", PolicyDocument.Parse("[]", File).Diagnostics.Single().JsonPath);
        var missing = PolicyDocument.Parse("{\"globals\":{}}", File).Diagnostics.Single();
        Assert.AreEqual(PolicyCodes.WrongShape, missing.Code);
        StringAssert.Contains(missing.Message, "missing \"resources\"");
        Assert.AreEqual("$.resources[\"a\"]", PolicyDocument.Parse("{\"resources\":{\"a\":true}}", File).Diagnostics.Single().JsonPath);
        Assert.AreEqual("$.resources[\"a\"].globals", PolicyDocument.Parse("{\"resources\":{\"a\":{\"globals\":[]}}}", File).Diagnostics.Single().JsonPath);
        Assert.AreEqual("$.include[1]", PolicyDocument.Parse("{\"resources\":{},\"include\":[\"a\",3]}", File).Diagnostics.Single().JsonPath);
    }

    [TestMethod]
    public void Unknown_resource_keys_are_errors_but_unknown_top_level_keys_are_tolerated()
    {
        var typo = PolicyDocument.Parse("{\"resources\":{\"a\":{\"global\":{\"fetch\":true}}}}", File).Diagnostics.Single();
        Assert.AreEqual(PolicyCodes.UnknownResourceKey, typo.Code);
        Assert.AreEqual("$.resources[\"a\"].global", typo.JsonPath);

        var tolerated = PolicyDocument.Parse("""
            {"resources":{"a":{"globals":{"x":true},"packages":{"b":true},"builtin":{"fs":true},"native":true,"meta":{"k":"v"},"env":"unfrozen"}},
             "resolutions":{"a":{"b":"./c.js"}},"root":{"usePolicy":"a"},"include":["a",{"name":"b","entry":"x.js"}],
             "debugInfo":{},"somethingNew":[1,2]}
            """, File);
        Assert.IsTrue(tolerated.Succeeded, string.Join("; ", tolerated.Diagnostics));
        Assert.IsEmpty(tolerated.Diagnostics);
    }

    [TestMethod]
    [DataRow("__proto__")]
    [DataRow("Object.__proto__.x")]
    [DataRow("a..b")]
    [DataRow(".a")]
    [DataRow("")]
    public void Unsafe_paths_are_rejected(string path)
    {
        var result = PolicyDocument.Parse("{\"resources\":{\"a\":{\"globals\":{\"" + path + "\":true}}}}", File);
        Assert.AreEqual(PolicyCodes.InvalidPath, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    [DataRow("{\"resources\":{\"__proto__\":{}}}", "$.resources[\"__proto__\"]")]
    [DataRow("{\"resources\":{\"a>\":{}}}", "$.resources[\"a>\"]")]
    [DataRow("{\"resources\":{\"a\":{\"packages\":{\"b>__proto__\":true}}}}", "$.resources[\"a\"].packages[\"b>__proto__\"]")]
    public void Unsafe_package_names_are_rejected(string text, string path)
    {
        var diagnostic = PolicyDocument.Parse(text, File).Diagnostics.Single();
        Assert.AreEqual(PolicyCodes.InvalidPath, diagnostic.Code);
        Assert.AreEqual(path, diagnostic.JsonPath);
    }

    [TestMethod]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var result = PolicyDocument.Parse("""{"resources":{"a":{"globals":{"x":1,"y":2}},"b":{"packages":{"c":"yes"}}}}""", File);
        Assert.HasCount(3, result.Diagnostics);
    }

    [TestMethod]
    public void ToPolicy_maps_values_to_access()
    {
        var document = PolicyDocument.Parse("""
            {"resources":{"a>b":{"globals":{"r":true,"d":false,"w":"write"},"packages":{"c":true,"e":false},"builtin":{"fs.readFile":true}},"c":{}}}
            """, File).Document!;
        var policy = document.ToPolicy();

        var ab = policy.For("a>b");
        Assert.AreEqual(GlobalAccess.Read, ab.Globals["r"]);
        Assert.AreEqual(GlobalAccess.Deny, ab.Globals["d"]);
        Assert.AreEqual(GlobalAccess.Write, ab.Globals["w"]);
        Assert.IsTrue(ab.Packages["c"]);
        Assert.IsFalse(ab.Packages["e"]);
        Assert.IsTrue(ab.Builtin["fs.readFile"]);
        Assert.IsEmpty(policy.For("c").Globals);
        Assert.IsEmpty(policy.Validate());
        CollectionAssert.AreEqual(new[] { "a>b", "c" }, document.ResourceNames.ToArray());
    }

    [TestMethod]
    public void Load_missing_file_is_no_document_and_no_error()
    {
        var dir = TestPaths.NewWorkDir("policy-load");
        var result = PolicyDocument.Load(Path.Combine(dir, "nope.json"), "nope.json");
        Assert.IsNull(result.Document);
        Assert.IsEmpty(result.Diagnostics);
    }

    [TestMethod]
    public void Load_tolerates_a_bom_and_write_then_load_round_trips()
    {
        var dir = TestPaths.NewWorkDir("policy-roundtrip");
        var path = Path.Combine(dir, "policy.json");
        System.IO.File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "{\"resources\":{\"b\":{\"globals\":{\"x\":\"write\"}},\"a\":{}}}"u8.ToArray()]);
        var loaded = PolicyDocument.Load(path, "policy.json");
        Assert.IsTrue(loaded.Succeeded, string.Join("; ", loaded.Diagnostics));

        var written = Path.Combine(dir, "out", "policy.json");
        loaded.Document!.WriteTo(written);
        var bytes = System.IO.File.ReadAllBytes(written);
        Assert.AreNotEqual(0xEF, bytes[0]);
        // Hand-derived from json-stable-stringify's layout: keys sorted, 2 spaces, empty object as "{\n<indent>}", no final newline.
        Assert.AreEqual("{\n  \"resources\": {\n    \"a\": {\n    },\n    \"b\": {\n      \"globals\": {\n        \"x\": \"write\"\n      }\n    }\n  }\n}", System.IO.File.ReadAllText(written));
        Assert.AreEqual(loaded.Document.Serialize(), PolicyDocument.Load(written, "x").Document!.Serialize());
    }

    [TestMethod]
    public void Empty_document_is_what_lavamoat_writes_for_a_missing_override()
    {
        Assert.AreEqual("{\n  \"resources\": {\n  }\n}", PolicyDocument.Empty.Serialize());
    }
}
