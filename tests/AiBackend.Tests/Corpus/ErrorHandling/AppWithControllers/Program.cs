// Labeled corpus: controllers, status code pages, but no exception handler (AIB2006).
var builder = WebApplication.CreateSlimBuilder(args); // expect: AIB2006
builder.Services.AddControllers();
var app = builder.Build();
app.UseStatusCodePages();
app.MapControllers();
app.Run();
