namespace LavaMoat.Bundler.MSBuild;

/// <summary>
/// Codes for problems with the MSBuild items themselves (the pipeline's own codes start at LMB1000), so users can
/// tell "my project file is wrong" from "my JavaScript is wrong" and silence or promote either by code.
/// </summary>
internal static class TaskCodes
{
    /// <summary>The entry file of a <c>LavaMoatBundle</c> item does not exist.</summary>
    public const string EntryNotFound = "LMB0101";

    /// <summary>A metadata value (OutputName, SourceMap, a boolean, PolicyName, ScuttleExceptions) is not usable.</summary>
    public const string InvalidMetadata = "LMB0102";

    /// <summary>Two items would write the same bundle file.</summary>
    public const string DuplicateOutput = "LMB0103";

    /// <summary>The pipeline threw: a bug, reported as one line instead of a task failure with a stack dump.</summary>
    public const string InternalError = "LMB0104";
}
