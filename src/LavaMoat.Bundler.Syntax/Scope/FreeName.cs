namespace LavaMoat.Bundler.Syntax.Scoping;

/// <summary>A name that no scope declares, with all its references in source order: a global the code reads or writes.</summary>
public sealed record FreeName(string Name, IReadOnlyList<Reference> References, bool IsRead, bool IsWritten);
