// Labeled corpus: only the developer exception page, nothing for production (AIB2006).
var builder = WebApplication.CreateBuilder(args); // expect: AIB2006
builder.Services.AddProblemDetails();
var app = builder.Build();
if (app.Environment.IsDevelopment())
    app.UseDeveloperExceptionPage();
app.MapGet("/", () => "Hello");
app.Run();
