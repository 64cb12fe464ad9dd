using System.Text;
using LavaMoat.Bundler.Emit;

namespace LavaMoat.Bundler.Tests.Emit;

[TestClass]
public sealed class TemplateTests
{
    [TestMethod]
    public void Slots_are_found_with_their_line_and_column()
    {
        var template = Template.Parse("t.js", "a /*{{one}}*/ b\ncc\n/*{{two}}*/;\n");
        var one = template.GetSlot("one");
        var two = template.GetSlot("two");
        Assert.AreEqual((0, 2), (one.Line, one.Column));
        Assert.AreEqual((2, 0), (two.Line, two.Column));
        var output = new GeneratedText();
        template.WriteTo(output, slot => output.Append(slot == "one" ? "X" : "Y\nZ"));
        Assert.AreEqual("a X b\ncc\nY\nZ;", output.ToString());
        Assert.AreEqual((3, 2), (output.Line, output.Column));
    }

    [TestMethod]
    public void The_shipped_templates_have_their_slots_and_module_code_starts_a_line()
    {
        var assets = EmbeddedAssets.Instance;
        CollectionAssert.AreEquivalent(new[] { "runtime", "api", "modules", "entries", "policy", "sourceMappingUrl" }, Slots(assets.BundleShell));
        CollectionAssert.AreEquivalent(new[] { "ses", "kernel", "config" }, Slots(assets.RuntimePrelude));
        CollectionAssert.AreEquivalent(new[] { "id", "deps", "async", "params", "code", "meta" }, Slots(assets.ModuleWrapper));
        var code = assets.ModuleWrapper.GetSlot("code");
        Assert.AreEqual((2, 0), (code.Line, code.Column));
    }

    [TestMethod]
    public void A_slot_may_appear_only_once()
    {
        Assert.ThrowsExactly<InvalidOperationException>(() => Template.Parse("t.js", "/*{{a}}*/ /*{{a}}*/"));
    }

    [TestMethod]
    [DataRow(0, "A")]
    [DataRow(1, "C")]
    [DataRow(-1, "D")]
    [DataRow(15, "e")]
    [DataRow(16, "gB")]
    [DataRow(-16, "hB")]
    [DataRow(1000, "w+B")]
    [DataRow(123456789, "qxmvrH")]
    public void Vlq_encodes_like_the_source_map_spec(int value, string expected)
    {
        var output = new StringBuilder();
        Base64Vlq.Encode(output, value);
        Assert.AreEqual(expected, output.ToString());
    }

    private static string[] Slots(Template template) => template.Parts.Where(p => p.IsSlot).Select(p => p.Text).ToArray();
}
