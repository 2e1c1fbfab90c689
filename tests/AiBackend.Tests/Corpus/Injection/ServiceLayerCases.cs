// Labeled corpus: request data travelling through services, helpers, LINQ and async code before a sink.
using System.Data;
using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Corpus.Services;

public interface IOrderService
{
    Task<int> CountAsync(string status);
    Task<IEnumerable<string>> ExportAsync(string fileName);
}

public sealed class OrderService : IOrderService
{
    private readonly IDbConnection _db;

    public OrderService(IDbConnection db) => _db = db;

    public Task<int> CountAsync(string status) =>
        _db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Orders WHERE Status = @status", new { status });

    public async Task<IEnumerable<string>> ExportAsync(string fileName)
    {
        var path = Path.Combine("/srv/exports", fileName);
        return await File.ReadAllLinesAsync(path); // expect: AIB1003 (at the sink; a handler passes request data in)
    }
}

public static class OrderEndpoints
{
    public static void Map(WebApplication app)
    {
        var orders = app.MapGroup("/orders");

        orders.MapGet("/count", async (string status, IOrderService service) => await service.CountAsync(status)); // safe: AIB1001

        orders.MapGet("/export", async (string file, IOrderService service) => await service.ExportAsync(file));

        orders.MapGet("/by-names", (string names, IDbConnection db) =>
        {
            var clauses = names.Split(',').Select(n => $"Customer = '{n.Trim()}'");
            return db.Query<string>("SELECT Id FROM Orders WHERE " + string.Join(" OR ", clauses)); // expect: AIB1001
        });

        orders.MapGet("/by-ids", (string ids, IDbConnection db) =>
        {
            var numbers = ids.Split(',').Select(long.Parse).ToList();
            return db.Query<string>("SELECT Id FROM Orders WHERE Id IN (" + string.Join(",", numbers) + ")"); // safe: AIB1001
        });

        orders.MapGet("/sorted", (string sort, IDbConnection db) =>
        {
            var order = Enum.Parse<SortOrder>(sort, ignoreCase: true);
            return db.Query<string>($"SELECT Id FROM Orders ORDER BY {order}"); // safe: AIB1001
        });

        orders.MapGet("/search", async (HttpRequest request, IDbConnection db) =>
        {
            var where = await BuildFilterAsync(request.Cookies["region"] ?? "eu");
            return await db.QueryAsync<string>("SELECT Id FROM Orders " + where); // expect: AIB1001
        });

        orders.MapGet("/local", (string customer, IDbConnection db) =>
        {
            string Quote(string value) => "'" + value + "'";
            return db.Query<string>("SELECT Id FROM Orders WHERE Customer = " + Quote(customer)); // expect: AIB1001
        });

        orders.MapGet("/local-safe", (string customer, IDbConnection db) =>
        {
            static string Table() => "Orders";
            return db.Query<string>("SELECT Id FROM " + Table() + " WHERE Customer = @customer", new { customer }); // safe: AIB1001
        });

        orders.MapPost("/archive", (ArchiveRequest request) =>
        {
            var info = new ProcessStartInfo { FileName = "tar", Arguments = "-czf /srv/archive.tgz " + request.Folder }; // expect: AIB1002
            Process.Start(info);
            return Results.Accepted();
        });

        orders.MapPost("/archive/{days:int}", (int days) =>
        {
            var info = new ProcessStartInfo { FileName = "find", Arguments = $"/srv/orders -mtime +{days} -delete" }; // safe: AIB1002
            Process.Start(info);
            return Results.Accepted();
        });

        orders.MapPost("/notes", (ArchiveRequest request) =>
        {
            File.WriteAllText(Path.Combine("/srv/notes", request.Folder + ".txt"), request.Note); // expect: AIB1003
            return Results.Ok();
        });

        orders.MapGet("/ext", (string name) =>
            File.Exists(Path.Combine("/srv/icons", "icon" + Path.GetExtension(name)))); // safe: AIB1003

        orders.MapGet("/continue", (string? returnUrl) => Results.Redirect(returnUrl ?? "/orders")); // expect: AIB1004

        orders.MapGet("/continue-safe", (string? returnUrl) =>
            Results.Redirect(returnUrl is "/orders" or "/account" ? returnUrl : "/")); // safe: AIB1004

        orders.MapGet("/receipt/{id:int}", (int id, string note) =>
            Results.Content($"<h1>Receipt {id}</h1><p>{System.Net.WebUtility.HtmlEncode(note)}</p>", "text/html")); // safe: AIB1005

        orders.MapGet("/receipt-raw", (string note) =>
        {
            var html = new StringBuilder("<html><body>");
            html.Append("<p>").Append(note).Append("</p></body></html>");
            return Results.Content(html.ToString(), "text/html"); // expect: AIB1005
        });

        orders.MapGet("/owner", (HttpRequest request, LdapConnection ldap) =>
        {
            var dn = "cn=" + request.Headers["X-User"] + ",ou=people,dc=example,dc=com";
            return ldap.SendRequest(new SearchRequest(dn, "(objectClass=*)", SearchScope.Base)); // expect: AIB1006
        });

        orders.MapGet("/owner-safe", (int employee, LdapConnection ldap) =>
            ldap.SendRequest(new SearchRequest("ou=people,dc=example,dc=com", $"(employeeNumber={employee})", SearchScope.OneLevel))); // safe: AIB1006

        orders.MapGet("/track", async (string path, HttpClient http) =>
            await http.GetStringAsync(new Uri(new Uri("https://tracking.example.com/"), path))); // expect: AIB1007

        orders.MapGet("/track-safe", async (string code, HttpClient http) =>
            await http.GetStringAsync(new Uri("https://tracking.example.com/parcels/" + Uri.EscapeDataString(code)))); // safe: AIB1007

        orders.MapPost("/import", (string xml) =>
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse }); // expect: AIB1009
            return reader.Read();
        });

        orders.MapPost("/import-safe", (string xml) =>
        {
            var doc = new XmlDocument { XmlResolver = null };
            doc.LoadXml(xml); // safe: AIB1009
            return doc.DocumentElement?.Name;
        });

        orders.MapGet("/match", (string text, IConfiguration config) =>
            Regex.IsMatch(text, config["Orders:Pattern"] ?? "^[0-9]+$", RegexOptions.None, TimeSpan.FromSeconds(1))); // safe: AIB1010

        orders.MapGet("/match-user", (OrderFilter filter) => Regex.IsMatch(filter.Text, filter.Pattern)); // expect: AIB1010
    }

    private static async Task<string> BuildFilterAsync(string region)
    {
        await Task.Yield();
        return $"WHERE Region = '{region}'";
    }
}

public sealed record ArchiveRequest(string Folder, string Note);

public sealed record OrderFilter(string Text, string Pattern);

[ApiController]
[Route("api/audit")]
public sealed class AuditController : ControllerBase
{
    private readonly ShopDb _db;

    public AuditController(ShopDb db) => _db = db;

    [HttpGet]
    public async Task<IActionResult> Search([FromQuery] string actor, [FromQuery] int take = 50) =>
        Ok(await _db.Database.SqlQueryRaw<string>("SELECT Action FROM Audit WHERE Actor = '" + actor + "' LIMIT " + take).ToListAsync()); // expect: AIB1001

    [HttpGet("safe")]
    public async Task<IActionResult> SearchSafe([FromQuery] string actor) =>
        Ok(await _db.Database.SqlQuery<string>($"SELECT Action FROM Audit WHERE Actor = {actor}").ToListAsync()); // safe: AIB1001

    [HttpDelete]
    public async Task<IActionResult> Purge([FromHeader(Name = "X-Days")] string days) =>
        Ok(await _db.Database.ExecuteSqlRawAsync("DELETE FROM Audit WHERE Age > {0}", days)); // safe: AIB1001
}
