namespace LavaMoat.Bundler.AspNetCore;

/// <summary>Options for resolving bundle URLs and integrity (<c>services.AddLavaMoat(o => …)</c>).</summary>
public sealed class LavaMoatOptions
{
    /// <summary>
    /// When the bundle is not a static asset endpoint (the app uses <c>UseStaticFiles</c> without
    /// <c>MapStaticAssets</c>), hash the file in the web root once (re-hashed when its size or time changes) so the
    /// tag still carries <c>integrity</c>. Default true: a classic script without SRI is the weaker default, and the
    /// file is the one the static file middleware serves.
    /// </summary>
    public bool ComputeIntegrityFromWebRoot { get; set; } = true;
}
