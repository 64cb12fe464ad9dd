namespace LavaMoat.Bundler.Emit;

/// <summary>The bundle cannot be written as asked. <see cref="Code"/> is the diagnostic code (LMB3xxx).</summary>
public sealed class BundleException : Exception
{
    public BundleException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public BundleException()
    {
        Code = "LMB3000";
    }

    public BundleException(string message)
        : base(message)
    {
        Code = "LMB3000";
    }

    public BundleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "LMB3000";
    }

    public string Code { get; }
}
