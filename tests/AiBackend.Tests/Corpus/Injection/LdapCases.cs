// Labeled corpus: LDAP injection (AIB1006).
using System.DirectoryServices.Protocols;
using Microsoft.AspNetCore.Mvc;

namespace Corpus.Ldap;

public static class DirectoryEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/people", (string uid, LdapConnection ldap) =>
        {
            var request = new SearchRequest("ou=people,dc=example,dc=com", $"(uid={uid})", SearchScope.Subtree); // expect: AIB1006
            return ldap.SendRequest(request);
        });

        app.MapGet("/people/escaped", (string uid, LdapConnection ldap) =>
        {
            var request = new SearchRequest("ou=people,dc=example,dc=com", $"(uid={LdapEncoder.LdapFilterEncode(uid)})", SearchScope.Subtree); // safe: AIB1006
            return ldap.SendRequest(request);
        });

        app.MapGet("/people/by-id", (int id, LdapConnection ldap) =>
        {
            var request = new SearchRequest("ou=people,dc=example,dc=com", "(employeeNumber=" + id + ")", SearchScope.Subtree); // safe: AIB1006
            return ldap.SendRequest(request);
        });

        app.MapGet("/people/in", (string unit, LdapConnection ldap) =>
        {
            var request = new SearchRequest($"ou={unit},dc=example,dc=com", "(objectClass=person)", SearchScope.Subtree); // expect: AIB1006
            return ldap.SendRequest(request);
        });

        app.MapGet("/people/filter", (HttpRequest http, LdapConnection ldap) =>
        {
            var request = new SearchRequest { DistinguishedName = "dc=example,dc=com" }; // safe: AIB1006
            request.Filter = "(mail=" + http.Query["mail"] + ")"; // expect: AIB1006
            return ldap.SendRequest(request);
        });

        app.MapGet("/people/all", (LdapConnection ldap) =>
            ldap.SendRequest(new SearchRequest("dc=example,dc=com", "(objectClass=person)", SearchScope.Subtree))); // safe: AIB1006
    }
}

public static class LdapEncoder
{
    public static string LdapFilterEncode(string value)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in value)
            builder.Append(c is '*' or '(' or ')' or '\\' or '\0' ? $"\\{(int)c:x2}" : c.ToString());
        return builder.ToString();
    }
}

[ApiController]
[Route("api/groups")]
public sealed class GroupsController : ControllerBase
{
    private readonly LdapConnection _ldap;

    public GroupsController(LdapConnection ldap) => _ldap = ldap;

    [HttpGet("{name}")]
    public IActionResult Members(string name) => Ok(_ldap.SendRequest(GroupQuery(name)));

    [HttpGet("admins")]
    public IActionResult Admins() => Ok(_ldap.SendRequest(GroupQuery("admins"))); // safe: AIB1006

    private static SearchRequest GroupQuery(string group) =>
        new("ou=groups,dc=example,dc=com", "(cn=" + group + ")", SearchScope.OneLevel); // expect: AIB1006 (at the sink; a handler passes request data in)
}
