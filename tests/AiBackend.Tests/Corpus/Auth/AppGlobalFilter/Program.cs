// Labeled corpus: a global AuthorizeFilter authorizes every controller action.
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Authorization;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllersWithViews(options => options.Filters.Add(new AuthorizeFilter()));
builder.Services.AddAuthentication();
var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultControllerRoute();
app.Run();

public sealed class OrdersController : Controller
{
    [HttpGet("/orders/mine")]
    public IActionResult Mine() => Ok(User.Identity?.Name); // safe: AIB3001

    [HttpDelete("/orders/{id:int}")]
    public IActionResult Cancel(int id) => NoContent(); // safe: AIB3001
}
