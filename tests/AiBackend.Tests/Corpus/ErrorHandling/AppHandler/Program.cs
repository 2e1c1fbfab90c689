// Labeled corpus: the standard exception handler with ProblemDetails.
var builder = WebApplication.CreateBuilder(args); // safe: AIB2006
builder.Services.AddProblemDetails();
var app = builder.Build();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler();
app.MapGet("/", () => "Hello");
app.Run();
