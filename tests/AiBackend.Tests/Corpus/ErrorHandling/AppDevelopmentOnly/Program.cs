// Labeled corpus: the exception handler only runs in development (AIB2006).
var builder = WebApplication.CreateBuilder(args); // expect: AIB2006
var app = builder.Build();
if (app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
}

app.MapGet("/", () => "Hello");
app.Run();
