// Labeled corpus: a framework's app-wide exception handler set up in a pipeline extension (AIB2006).
var builder = WebApplication.CreateBuilder(args); // safe: AIB2006
var app = builder.Build();
await app.UsePipelineAndSeedAsync();
app.Run();
