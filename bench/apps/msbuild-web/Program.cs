// The smallest web app that serves the bundle (/app.js, a static web asset the task registers).
var app = WebApplication.CreateBuilder(args).Build();
app.MapStaticAssets();
app.Run();
