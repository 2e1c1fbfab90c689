// Labeled corpus: a minimal API with no production error handling (AIB2006).
var builder = WebApplication.CreateBuilder(args); // expect: AIB2006
var app = builder.Build();
app.MapGet("/", () => "Hello");
app.Run();
