using LavaMoat.Bundler.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages();
builder.Services.AddLavaMoat();

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
}

// script-src 'self' (plus a per-request nonce for the tag helper), object-src 'none', base-uri 'none'; never 'unsafe-eval'.
app.UseLavaMoatContentSecurityPolicy(options => options.UseNonce = true);
app.UseRouting();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.Run();
