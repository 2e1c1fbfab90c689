using System.Collections.Generic;
using System.Linq;
using System.Text;
using AiBackend.Generators.Common;

using static AiBackend.Generators.Common.CSharpText;
using Ops = AiBackend.Shared.Resources.ResourceOperations;

namespace AiBackend.Generators.EndpointTests;

/// <summary>Writes the test host (factory + test authentication) and the xunit tests.</summary>
internal static class EndpointTestsEmitter
{
    public const string FactoryHintName = "AiBackendApiFactory.g.cs";
    public const string TestsHintName = "GeneratedEndpointTests.g.cs";

    public static string EmitFactory(EndpointTestsModel model)
    {
        var writer = GeneratedFile.Start();
        writer.Open($"namespace {model.Namespace}");
        writer.Line("using global::System.Collections.Generic;");
        writer.Line("using global::System.Security.Claims;");
        writer.Line("using global::System.Threading.Tasks;");
        writer.Line("using global::Microsoft.AspNetCore.Authentication;");
        writer.Line("using global::Microsoft.AspNetCore.Hosting;");
        writer.Line("using global::Microsoft.AspNetCore.TestHost;");
        writer.Line("using global::Microsoft.Extensions.DependencyInjection;");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Hosts the API in memory for the generated tests, with a test authentication scheme: a request is anonymous unless");
        writer.Line($"/// it carries the <see cref=\"{"UserHeader"}\"/> header. Implement the partial methods in your own part of this class to swap");
        writer.Line("/// infrastructure (a database, an external service) before the API starts.");
        writer.Line("/// </summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"public partial class AiBackendApiFactory : global::Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<{model.EntryPoint}>");
        writer.Line("/// <summary>The header that names the calling test user.</summary>");
        writer.Line("public const string UserHeader = \"X-Test-User\";");
        writer.Line();
        writer.Line("/// <summary>The header with the test user's roles, comma separated.</summary>");
        writer.Line("public const string RolesHeader = \"X-Test-Roles\";");
        writer.Line();
        writer.Line("/// <summary>The test authentication scheme.</summary>");
        writer.Line("public const string Scheme = \"AiBackendTest\";");
        writer.Line();
        writer.Line("/// <summary>The header with the authorization policies the test user must meet, comma separated (see <see cref=\"AddPolicyClaims\"/>).</summary>");
        writer.Line("public const string PoliciesHeader = \"X-Test-Policies\";");
        writer.Line();
        writer.Line("/// <summary>A client that calls as <paramref name=\"userId\"/>, or anonymously when it is null.</summary>");
        writer.Line("/// <param name=\"userId\">The test user's id (its NameIdentifier and sub claims).</param>");
        writer.Line("/// <param name=\"roles\">The test user's roles.</param>");
        writer.Line("/// <param name=\"policies\">Policies the test user must meet: <see cref=\"AddPolicyClaims\"/> adds their claims.</param>");
        writer.Line("/// <returns>The client.</returns>");
        writer.Open("public global::System.Net.Http.HttpClient CreateClientFor(string? userId, string[]? roles = null, string[]? policies = null)");
        writer.Line("var client = CreateClient();");
        writer.Line("if (userId is not null)");
        writer.Line("    client.DefaultRequestHeaders.Add(UserHeader, userId);");
        writer.Line("if (roles is { Length: > 0 })");
        writer.Line("    client.DefaultRequestHeaders.Add(RolesHeader, string.Join(\",\", roles));");
        writer.Line("if (policies is { Length: > 0 })");
        writer.Line("    client.DefaultRequestHeaders.Add(PoliciesHeader, string.Join(\",\", policies));");
        writer.Line("return client;");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>The claims a test user gets for the policies in <see cref=\"PoliciesHeader\"/>.</summary>");
        writer.Line("/// <param name=\"policies\">The header's value.</param>");
        writer.Line("/// <param name=\"claims\">The user's claims, to add to.</param>");
        writer.Open("internal static void AddClaimsForPolicies(string policies, List<Claim> claims)");
        writer.Line("foreach (var policy in policies.Split(',', global::System.StringSplitOptions.RemoveEmptyEntries | global::System.StringSplitOptions.TrimEntries))");
        writer.Line("    AddPolicyClaims(policy, claims);");
        writer.Close();
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Open("protected override void ConfigureWebHost(IWebHostBuilder builder)");
        writer.Line("ConfigureHost(builder);");
        writer.Open("builder.ConfigureTestServices(services =>");
        writer.Line("services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AiBackendTestAuthenticationHandler>(Scheme, null);");
        writer.Line("// The test scheme replaces the app's for every default, so the app's own policies run against test users.");
        writer.Open("services.PostConfigure<AuthenticationOptions>(options =>");
        writer.Line("options.DefaultScheme = Scheme;");
        writer.Line("options.DefaultAuthenticateScheme = Scheme;");
        writer.Line("options.DefaultChallengeScheme = Scheme;");
        writer.Line("options.DefaultForbidScheme = Scheme;");
        writer.Close("});");
        writer.Line("ConfigureServices(services);");
        writer.Close("});");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Called before the API is built: change settings (e.g. a connection string) here.</summary>");
        writer.Line("partial void ConfigureHost(IWebHostBuilder builder);");
        writer.Line();
        writer.Line("/// <summary>Called after the API's own services are registered: replace infrastructure here.</summary>");
        writer.Line("partial void ConfigureServices(IServiceCollection services);");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Only the app knows what its authorization policies require: add the claims that meet <paramref name=\"policy\"/>.");
        writer.Line("/// Without it, the tests of a resource behind a policy get 403.");
        writer.Line("/// </summary>");
        writer.Line("static partial void AddPolicyClaims(string policy, List<Claim> claims);");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Authenticates the user named in <see cref=\"AiBackendApiFactory.UserHeader\"/>; no header, no user.</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open("public sealed class AiBackendTestAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>");
        writer.Line("/// <summary>Creates the handler (called by the authentication service).</summary>");
        writer.Line("public AiBackendTestAuthenticationHandler(global::Microsoft.Extensions.Options.IOptionsMonitor<AuthenticationSchemeOptions> options, global::Microsoft.Extensions.Logging.ILoggerFactory logger, global::System.Text.Encodings.Web.UrlEncoder encoder)");
        writer.Line("    : base(options, logger, encoder)");
        writer.Line("{");
        writer.Line("}");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Open("protected override Task<AuthenticateResult> HandleAuthenticateAsync()");
        writer.Line("var userId = Request.Headers[AiBackendApiFactory.UserHeader].ToString();");
        writer.Line("if (userId.Length == 0)");
        writer.Line("    return Task.FromResult(AuthenticateResult.NoResult());");
        writer.Line();
        writer.Line("var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId), new(\"sub\", userId), new(ClaimTypes.Name, userId) };");
        writer.Line("foreach (var role in Request.Headers[AiBackendApiFactory.RolesHeader].ToString().Split(',', global::System.StringSplitOptions.RemoveEmptyEntries | global::System.StringSplitOptions.TrimEntries))");
        writer.Line("    claims.Add(new Claim(ClaimTypes.Role, role));");
        writer.Line("AiBackendApiFactory.AddClaimsForPolicies(Request.Headers[AiBackendApiFactory.PoliciesHeader].ToString(), claims);");
        writer.Line("var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));");
        writer.Line("return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));");
        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    public static string EmitTests(EndpointTestsModel model)
    {
        var writer = GeneratedFile.Start();
        writer.Open($"namespace {model.Namespace}");
        writer.Line("using global::System.Linq;");
        writer.Line("using global::System.Net;");
        writer.Line("using global::System.Net.Http;");
        writer.Line("using global::System.Net.Http.Json;");
        writer.Line("using global::System.Text.Json;");
        writer.Line("using global::System.Threading.Tasks;");
        writer.Line("using global::Xunit;");
        writer.Line();
        writer.Line("/// <summary>Tests generated from what the API declares: authorization on every endpoint, and each resource's behaviour.</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open("public sealed partial class GeneratedEndpointTests : IClassFixture<AiBackendApiFactory>");
        writer.Line("private const string UserA = \"aibackend-test-user-a\";");
        writer.Line("private const string UserB = \"aibackend-test-user-b\";");
        writer.Line("private readonly AiBackendApiFactory _factory;");
        if (model.Resources.Length > 0)
        {
            writer.Line();
            writer.Line("// Requests and responses use the API's own JSON options: an app that writes enums as strings still round-trips.");
            writer.Line("private readonly JsonSerializerOptions _json;");
        }

        writer.Line();
        writer.Line("/// <summary>Gets the shared API host.</summary>");
        writer.Line("/// <param name=\"factory\">The host, created once for the class.</param>");
        writer.Open("public GeneratedEndpointTests(AiBackendApiFactory factory)");
        writer.Line("_factory = factory;");
        if (model.Resources.Length > 0)
            writer.Line("_json = global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::Microsoft.Extensions.Options.IOptions<global::Microsoft.AspNetCore.Http.Json.JsonOptions>>(factory.Services).Value.SerializerOptions;");
        writer.Close();

        var names = new HashSet<string>();
        foreach (var endpoint in model.ProtectedEndpoints)
            EmitAnonymousTest(writer, Unique(names, Identifier(endpoint.Name) + "_requires_an_authenticated_user"), new[] { (endpoint.Method, endpoint.Path) });

        // One helper per resource another one needs as a parent: the tests create parents rather than guess their keys.
        var helpers = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var resource in model.Resources.Where(r => model.Resources.Any(c => c.Parents.Any(p => p.Route == r.Route))))
            helpers[resource.Route] = Unique(names, "Create" + resource.Name + "Async");

        foreach (var resource in model.Resources)
        {
            var item = resource.Route + "/" + resource.KeySample;
            var operations = new[] { (Ops.List, "GET", resource.Route), (Ops.Get, "GET", item), (Ops.Create, "POST", resource.Route), (Ops.Update, "PUT", item), (Ops.Patch, "PATCH", item), (Ops.Delete, "DELETE", item) }
                .Where(c => resource.Has(c.Item1)).ToList();
            if (!resource.AllowAnonymous)
                EmitAnonymousTest(writer, Unique(names, resource.Name + "_endpoints_require_an_authenticated_user"), operations.Select(c => (c.Item2, c.Item3)));
            if (operations.FirstOrDefault(c => (resource.RoleOperations & c.Item1) != 0) is { Item2: not null } refused)
                EmitRoleRequired(writer, resource, (refused.Item2, refused.Item3), Unique(names, resource.Name + "_rejects_a_user_without_its_role_with_403"));
            if (resource.RoleOperations != Ops.None && (resource.RoleOperations & Ops.List) == 0 && resource.Has(Ops.List) && resource.Policies.Length == 0 && resource.Parents.Length == 0)
                EmitReadWithoutRole(writer, resource, Unique(names, resource.Name + "_can_be_listed_without_the_write_role"));
            // Each test needs the operations it calls; a read-only resource is only checked for access and paging.
            if (resource.Has(Ops.Create | Ops.Get | Ops.Update | Ops.List | Ops.Delete))
                EmitRoundTrip(writer, resource, helpers, Unique(names, resource.Name + "_create_get_update_list_delete_round_trip"));
            if (resource.Invalid is not null && resource.Has(Ops.Create))
                EmitInvalid(writer, resource, helpers, Unique(names, resource.Name + "_invalid_input_is_rejected_with_400"));
            if (resource.Has(Ops.List))
            {
                EmitPaging(writer, resource, Unique(names, resource.Name + "_page_size_above_the_maximum_is_rejected_with_400"));
                EmitRejectedQuery(writer, resource, Unique(names, resource.Name + "_list_rejects_a_query_parameter_it_does_not_offer_with_400"));
            }

            if (resource.Filter is { } filter && resource.Has(Ops.Create | Ops.List))
                EmitFilter(writer, resource, helpers, filter, Unique(names, $"{resource.Name}_list_filtered_by_{filter.Member}_shows_only_matching_items"));
            if (resource.Sort is { } sort && resource.Has(Ops.Create | Ops.List))
                EmitSort(writer, resource, helpers, sort, Unique(names, $"{resource.Name}_list_sorted_by_{sort.Member}_turns_around_with_a_minus"));
            if (resource.Owned && resource.Has(Ops.Create | Ops.Get | Ops.Update | Ops.List | Ops.Delete))
                EmitOwnership(writer, resource, helpers, Unique(names, resource.Name + "_is_invisible_to_other_users"));
            foreach (var parent in resource.Parents.Where(_ => resource.Has(Ops.Create)))
            {
                var parentName = model.Resources.First(r => r.Route == parent.Route).Name;
                EmitMissingParent(writer, resource, helpers, parent, Unique(names, $"{resource.Name}_without_a_{parentName}_is_rejected_with_400"));
                if (parent.Owned && resource.Has(Ops.List))
                    EmitOtherUsersParent(writer, resource, helpers, parent, Unique(names, $"{resource.Name}_in_another_users_{parentName}_is_rejected_with_404"));
                if (parent.Expansion is not null && resource.Has(Ops.Get))
                    EmitNestedParent(writer, resource, helpers, parent, Unique(names, $"{resource.Name}_read_nests_its_{parentName}"));
            }

            if (resource.ConcurrencyMember is not null && resource.Has(Ops.Create | Ops.Update))
                EmitConcurrency(writer, resource, helpers, Unique(names, resource.Name + "_update_with_a_stale_token_gets_409"));
            if (resource.Has(Ops.Create | Ops.Patch) && PatchedMember(resource) is { } patched)
                EmitPatch(writer, resource, helpers, patched, Unique(names, resource.Name + "_patch_changes_only_the_members_sent"));
        }

        foreach (var resource in model.Resources.Where(r => helpers.ContainsKey(r.Route)))
            EmitCreateHelper(writer, resource, helpers);
        EmitHelpers(writer, counts: model.Resources.Any(r => r.Parents.Any(p => p.Owned)), keys: model.Resources.Any(r => (r.Filter is not null || r.Sort is not null) && r.Has(Ops.Create | Ops.List)),
            naturalKeys: model.Resources.Any(r => r.Create.Any(v => v.Expression.StartsWith("NextKey(", System.StringComparison.Ordinal))));
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static void EmitAnonymousTest(SourceWriter writer, string name, IEnumerable<(string Method, string Path)> calls)
    {
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line("using var client = _factory.CreateClientFor(null);");
        foreach (var (method, path) in calls)
        {
            writer.Line($"using (var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod({Literal(method)}), {Literal(path)})))");
            writer.Line($"    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $\"{Escape(method)} {Escape(path)} answered {{(int)response.StatusCode}} to an anonymous caller\");");
        }

        writer.Close();
    }

    private static void EmitRoundTrip(SourceWriter writer, ResourceTestModel resource, Dictionary<string, string> helpers, string name)
    {
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line($"using var client = {Client(resource, "UserA")};");
        EmitParents(writer, resource, helpers, "client");
        writer.Line($"var create = {Construct(resource.CreateType, resource.Create, null)};");
        writer.Line($"using var created = await client.PostAsJsonAsync({Literal(resource.Route)}, create, _json);");
        writer.Line("Assert.Equal(HttpStatusCode.Created, created.StatusCode);");
        writer.Line($"var item = await created.Content.ReadFromJsonAsync<{resource.ResponseType}>(_json);");
        writer.Line("Assert.NotNull(item);");
        foreach (var value in resource.Create.Where(v => v.InResponse))
            writer.Line($"Assert.Equal(create.{value.Member}, item!.{value.Member});");
        writer.Line($"Assert.Equal($\"{Escape(resource.Route)}/{{item!.{resource.KeyMember}}}\", created.Headers.Location?.OriginalString);");
        writer.Line();
        writer.Line($"var read = await client.GetFromJsonAsync<{resource.ResponseType}>($\"{Escape(resource.Route)}/{{item.{resource.KeyMember}}}\", _json);");
        writer.Line($"Assert.Equal(item.{resource.KeyMember}, read!.{resource.KeyMember});");
        foreach (var value in resource.Create.Where(v => v.InResponse))
            writer.Line($"Assert.Equal(item.{value.Member}, read.{value.Member});");
        writer.Line();
        writer.Line($"var update = {Construct(resource.UpdateType, resource.Update, resource.ConcurrencyMember is null ? null : $"{resource.ConcurrencyMember} = item.{resource.ConcurrencyMember}")};");
        writer.Line($"using var updated = await client.PutAsJsonAsync($\"{Escape(resource.Route)}/{{item.{resource.KeyMember}}}\", update, _json);");
        writer.Line("Assert.Equal(HttpStatusCode.OK, updated.StatusCode);");
        writer.Line($"var changed = await updated.Content.ReadFromJsonAsync<{resource.ResponseType}>(_json);");
        foreach (var value in resource.Update.Where(v => v.InResponse))
            writer.Line($"Assert.Equal(update.{value.Member}, changed!.{value.Member});");
        writer.Line();
        writer.Line($"Assert.True(await ListContainsAsync(client, {Literal(resource.Route)}, {resource.MaxPageSize}, \"{Key(resource)}\", item.{resource.KeyMember}.ToString()), \"the new item is not in the list\");");
        writer.Line();
        writer.Line($"using var deleted = await client.DeleteAsync($\"{Escape(resource.Route)}/{{item.{resource.KeyMember}}}\");");
        writer.Line("Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);");
        writer.Line($"using var gone = await client.GetAsync($\"{Escape(resource.Route)}/{{item.{resource.KeyMember}}}\");");
        writer.Line("Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);");
        writer.Line($"Assert.False(await ListContainsAsync(client, {Literal(resource.Route)}, {resource.MaxPageSize}, \"{Key(resource)}\", item.{resource.KeyMember}.ToString()), \"the deleted item is still listed\");");
        writer.Close();
    }

    private static void EmitInvalid(SourceWriter writer, ResourceTestModel resource, Dictionary<string, string> helpers, string name)
    {
        var invalid = resource.Invalid!;
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line($"// {invalid.Member} {invalid.Why}.");
        writer.Line($"using var client = {Client(resource, "UserA")};");
        EmitParents(writer, resource, helpers, "client");
        writer.Line($"var create = {Construct(resource.CreateType, resource.Create, $"{invalid.Member} = {invalid.Expression}")};");
        writer.Line($"using var response = await client.PostAsJsonAsync({Literal(resource.Route)}, create, _json);");
        writer.Line("Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);");
        writer.Line("using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());");
        writer.Line($"Assert.True(problem.RootElement.GetProperty(\"errors\").TryGetProperty({Literal(invalid.JsonName)}, out _), \"the 400 does not name '{Escape(invalid.JsonName)}'\");");
        writer.Close();
    }

    private static void EmitPaging(SourceWriter writer, ResourceTestModel resource, string name)
    {
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line($"using var client = {Client(resource, "UserA")};");
        writer.Line($"using var response = await client.GetAsync({Literal($"{resource.Route}?page=1&pageSize={resource.MaxPageSize + 1}")});");
        writer.Line("Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);");
        writer.Close();
    }

    private static void EmitRejectedQuery(SourceWriter writer, ResourceTestModel resource, string name)
    {
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line("// A filter the list does not offer would otherwise be ignored, and the client would take every row for a match.");
        writer.Line($"using var client = {Client(resource, "UserA")};");
        writer.Line($"using var response = await client.GetAsync({Literal($"{resource.Route}?{resource.RejectedQuery}=1")});");
        writer.Line("Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);");
        writer.Line("using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());");
        writer.Line($"Assert.True(problem.RootElement.GetProperty(\"errors\").TryGetProperty({Literal(resource.RejectedQuery)}, out var message), \"the 400 does not name '{Escape(resource.RejectedQuery)}'\");");
        foreach (var filter in resource.Filters)
            writer.Line($"Assert.Contains({Literal(filter)}, message.ToString());");
        writer.Line($"using var sorted = await client.GetAsync({Literal($"{resource.Route}?sort=notAMember")});");
        writer.Line("Assert.Equal(HttpStatusCode.BadRequest, sorted.StatusCode);");
        writer.Close();
    }

    private static void EmitFilter(SourceWriter writer, ResourceTestModel resource, Dictionary<string, string> helpers, QueryTestModel filter, string name)
    {
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line($"using var client = {Client(resource, "UserA")};");
        EmitParents(writer, resource, helpers, "client");
        EmitTwoItems(writer, resource, filter);
        writer.Line($"var value = global::System.Uri.EscapeDataString(global::System.Convert.ToString(matching.{filter.Member}, global::System.Globalization.CultureInfo.InvariantCulture) ?? \"\");");
        writer.Line($"var keys = await ListKeysAsync(client, $\"{Escape(resource.Route)}?{Escape(filter.JsonName)}={{value}}&pageSize={resource.MaxPageSize}\", \"{Key(resource)}\");");
        writer.Line($"Assert.Contains(matching.{resource.KeyMember}.ToString(), keys);");
        writer.Line($"Assert.DoesNotContain(other.{resource.KeyMember}.ToString(), keys);");
        writer.Close();
    }

    private static void EmitSort(SourceWriter writer, ResourceTestModel resource, Dictionary<string, string> helpers, QueryTestModel sort, string name)
    {
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line("// A user of its own, so the two items are on the first page of an owned list.");
        writer.Line($"using var client = {Client(resource, "\"aibackend-test-sort-\" + global::System.Guid.NewGuid().ToString(\"N\")")};");
        EmitParents(writer, resource, helpers, "client");
        EmitTwoItems(writer, resource, sort);
        writer.Line($"var ascending = await ListKeysAsync(client, {Literal($"{resource.Route}?sort={sort.JsonName}&pageSize={resource.MaxPageSize}")}, \"{Key(resource)}\");");
        writer.Line($"var descending = await ListKeysAsync(client, {Literal($"{resource.Route}?sort=-{sort.JsonName}&pageSize={resource.MaxPageSize}")}, \"{Key(resource)}\");");
        writer.Line($"string? a = matching.{resource.KeyMember}.ToString(), b = other.{resource.KeyMember}.ToString();");
        writer.Line("Assert.Contains(a, ascending);");
        writer.Line("Assert.Contains(b, ascending);");
        writer.Line("Assert.True(ascending.IndexOf(a) < ascending.IndexOf(b) != descending.IndexOf(a) < descending.IndexOf(b), "
                    + $"\"sort=-{Escape(sort.JsonName)} did not turn the order of two items with different {Escape(sort.JsonName)} around\");");
        writer.Close();
    }

    /// <summary>Creates <c>matching</c> with the create sample and <c>other</c> with another value of the member.</summary>
    private static void EmitTwoItems(SourceWriter writer, ResourceTestModel resource, QueryTestModel member)
    {
        writer.Line($"using var first = await client.PostAsJsonAsync({Literal(resource.Route)}, {Construct(resource.CreateType, resource.Create, null)}, _json);");
        writer.Line("Assert.Equal(HttpStatusCode.Created, first.StatusCode);");
        writer.Line($"var matching = (await first.Content.ReadFromJsonAsync<{resource.ResponseType}>(_json))!;");
        writer.Line($"using var second = await client.PostAsJsonAsync({Literal(resource.Route)}, {Construct(resource.CreateType, resource.Create, $"{member.Member} = {member.Other}")}, _json);");
        writer.Line("Assert.Equal(HttpStatusCode.Created, second.StatusCode);");
        writer.Line($"var other = (await second.Content.ReadFromJsonAsync<{resource.ResponseType}>(_json))!;");
    }

    private static void EmitOwnership(SourceWriter writer, ResourceTestModel resource, Dictionary<string, string> helpers, string name)
    {
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line($"using var owner = {Client(resource, "UserA")};");
        writer.Line($"using var other = {Client(resource, "UserB")};");
        EmitParents(writer, resource, helpers, "owner");
        writer.Line($"using var created = await owner.PostAsJsonAsync({Literal(resource.Route)}, {Construct(resource.CreateType, resource.Create, null)}, _json);");
        writer.Line("Assert.Equal(HttpStatusCode.Created, created.StatusCode);");
        writer.Line($"var item = (await created.Content.ReadFromJsonAsync<{resource.ResponseType}>(_json))!;");
        writer.Line($"var path = $\"{Escape(resource.Route)}/{{item.{resource.KeyMember}}}\";");
        writer.Line();
        writer.Line("// Another user's entity is indistinguishable from a missing one.");
        writer.Line("using (var read = await other.GetAsync(path))");
        writer.Line("    Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);");
        writer.Line($"using (var write = await other.PutAsJsonAsync(path, {Construct(resource.UpdateType, resource.Update, resource.ConcurrencyMember is null ? null : $"{resource.ConcurrencyMember} = item.{resource.ConcurrencyMember}")}, _json))");
        writer.Line("    Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);");
        writer.Line("using (var delete = await other.DeleteAsync(path))");
        writer.Line("    Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);");
        writer.Line($"Assert.False(await ListContainsAsync(other, {Literal(resource.Route)}, {resource.MaxPageSize}, \"{Key(resource)}\", item.{resource.KeyMember}.ToString()), \"another user's item is listed\");");
        writer.Line();
        writer.Line("using var still = await owner.GetAsync(path);");
        writer.Line("Assert.Equal(HttpStatusCode.OK, still.StatusCode);");
        writer.Close();
    }

    private static void EmitConcurrency(SourceWriter writer, ResourceTestModel resource, Dictionary<string, string> helpers, string name)
    {
        var token = resource.ConcurrencyMember!;
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line($"using var client = {Client(resource, "UserA")};");
        EmitParents(writer, resource, helpers, "client");
        writer.Line($"using var created = await client.PostAsJsonAsync({Literal(resource.Route)}, {Construct(resource.CreateType, resource.Create, null)}, _json);");
        writer.Line($"var item = (await created.Content.ReadFromJsonAsync<{resource.ResponseType}>(_json))!;");
        writer.Line($"var path = $\"{Escape(resource.Route)}/{{item.{resource.KeyMember}}}\";");
        writer.Line($"var update = {Construct(resource.UpdateType, resource.Update, $"{token} = item.{token}")};");
        writer.Line();
        writer.Line("using (var first = await client.PutAsJsonAsync(path, update, _json))");
        writer.Line("    Assert.Equal(HttpStatusCode.OK, first.StatusCode);");
        writer.Line($"// The same {token} again: someone (the first update) changed the item since it was read.");
        writer.Line("using var second = await client.PutAsJsonAsync(path, update, _json);");
        writer.Line("Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);");
        writer.Close();
    }

    /// <summary>The member a PATCH test changes: one the update carries and the response shows, not a parent's key or the token.</summary>
    private static SampleValueModel? PatchedMember(ResourceTestModel resource) =>
        resource.Update.FirstOrDefault(v => v.InResponse && v.Member != resource.ConcurrencyMember && resource.Parents.All(p => p.Member != v.Member));

    private static void EmitPatch(SourceWriter writer, ResourceTestModel resource, Dictionary<string, string> helpers, SampleValueModel patched, string name)
    {
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line($"using var client = {Client(resource, "UserA")};");
        EmitParents(writer, resource, helpers, "client");
        writer.Line($"using var created = await client.PostAsJsonAsync({Literal(resource.Route)}, {Construct(resource.CreateType, resource.Create, null)}, _json);");
        writer.Line($"var item = (await created.Content.ReadFromJsonAsync<{resource.ResponseType}>(_json))!;");
        writer.Line($"var update = {Construct(resource.UpdateType, resource.Update, resource.ConcurrencyMember is null ? null : $"{resource.ConcurrencyMember} = item.{resource.ConcurrencyMember}")};");
        var members = new List<string> { $"[{Literal(JsonNames.CamelCase(patched.Member))}] = update.{patched.Member}" };
        if (resource.ConcurrencyMember is { } token)
            members.Add($"[{Literal(JsonNames.CamelCase(token))}] = item.{token}");
        writer.Line($"var patch = new global::System.Collections.Generic.Dictionary<string, object?> {{ {string.Join(", ", members)} }};");
        writer.Line($"using var patched = await client.PatchAsync($\"{Escape(resource.Route)}/{{item.{resource.KeyMember}}}\", JsonContent.Create(patch, new global::System.Net.Http.Headers.MediaTypeHeaderValue(\"application/merge-patch+json\"), _json));");
        writer.Line("Assert.Equal(HttpStatusCode.OK, patched.StatusCode);");
        writer.Line($"var changed = (await patched.Content.ReadFromJsonAsync<{resource.ResponseType}>(_json))!;");
        writer.Line($"Assert.Equal(update.{patched.Member}, changed.{patched.Member});");
        writer.Line("// What the patch did not name stays as it was.");
        foreach (var value in resource.Create.Where(v => v.InResponse && v.Member != patched.Member))
            writer.Line($"Assert.Equal(item.{value.Member}, changed.{value.Member});");
        writer.Close();
    }

    private static void EmitRoleRequired(SourceWriter writer, ResourceTestModel resource, (string Method, string Path) call, string name)
    {
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line("// Signed in, but without the role the resource asks for here.");
        writer.Line("using var client = _factory.CreateClientFor(UserA);");
        writer.Line($"using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod({Literal(call.Method)}), {Literal(call.Path)}));");
        writer.Line("Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);");
        writer.Close();
    }

    private static void EmitReadWithoutRole(SourceWriter writer, ResourceTestModel resource, string name)
    {
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line("// Issue 15: a role meant for changes must not block reading.");
        writer.Line("using var client = _factory.CreateClientFor(UserA);");
        writer.Line($"using var response = await client.GetAsync({Literal(resource.Route)});");
        writer.Line("Assert.Equal(HttpStatusCode.OK, response.StatusCode);");
        writer.Close();
    }

    private static void EmitMissingParent(SourceWriter writer, ResourceTestModel resource, Dictionary<string, string> helpers, ParentTestModel parent, string name)
    {
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line($"// {parent.Member} left out: a validation problem naming it, not a foreign key failure (500).");
        writer.Line($"using var client = {Client(resource, "UserA")};");
        EmitParents(writer, resource, helpers, "client", except: parent);
        writer.Line($"using var response = await client.PostAsJsonAsync({Literal(resource.Route)}, {Construct(resource.CreateType, resource.Create, $"{parent.Member} = default")}, _json);");
        writer.Line("Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);");
        writer.Line("using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());");
        writer.Line($"Assert.True(problem.RootElement.GetProperty(\"errors\").TryGetProperty({Literal(parent.JsonName)}, out _), \"the 400 does not name '{Escape(parent.JsonName)}'\");");
        writer.Close();
    }

    private static void EmitOtherUsersParent(SourceWriter writer, ResourceTestModel resource, Dictionary<string, string> helpers, ParentTestModel parent, string name)
    {
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line($"// Another user's parent answers exactly like a missing one: nobody can add to what they cannot see.");
        writer.Line($"using var owner = {Client(resource, "UserA")};");
        writer.Line($"using var other = {Client(resource, "UserB")};");
        EmitParents(writer, resource, helpers, "owner");
        writer.Line($"using (var response = await other.PostAsJsonAsync({Literal(resource.Route)}, {Construct(resource.CreateType, resource.Create, null)}, _json))");
        writer.Line("    Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);");
        writer.Line($"Assert.Equal(0, await CountAsync(owner, {Literal(resource.Route)}, {resource.MaxPageSize}, \"{JsonNames.CamelCase(parent.Member)}\", {parent.Variable}.{KeyOf(resource, parent)}.ToString()));");
        writer.Close();
    }

    /// <summary>An expanded parent: the created item and a read of it both carry the very parent it was created in.</summary>
    private static void EmitNestedParent(SourceWriter writer, ResourceTestModel resource, Dictionary<string, string> helpers, ParentTestModel parent, string name)
    {
        var key = KeyOf(resource, parent);
        writer.Line();
        writer.Line("[Fact]");
        writer.Open($"public async Task {name}()");
        writer.Line($"using var client = {Client(resource, "UserA")};");
        EmitParents(writer, resource, helpers, "client");
        writer.Line($"using var created = await client.PostAsJsonAsync({Literal(resource.Route)}, {Construct(resource.CreateType, resource.Create, null)}, _json);");
        writer.Line("Assert.Equal(HttpStatusCode.Created, created.StatusCode);");
        writer.Line($"var item = (await created.Content.ReadFromJsonAsync<{resource.ResponseType}>(_json))!;");
        writer.Line($"Assert.Equal({parent.Variable}.{key}, item.{parent.Expansion}?.{key});");
        writer.Line($"var read = await client.GetFromJsonAsync<{resource.ResponseType}>($\"{Escape(resource.Route)}/{{item.{resource.KeyMember}}}\", _json);");
        writer.Line($"Assert.Equal({parent.Variable}.{key}, read!.{parent.Expansion}?.{key});");
        writer.Close();
    }

    /// <summary>Creates one <paramref name="resource"/> (its own parents first) and returns it, for the tests of its children.</summary>
    private static void EmitCreateHelper(SourceWriter writer, ResourceTestModel resource, Dictionary<string, string> helpers)
    {
        writer.Line();
        writer.Open($"private async Task<{resource.ResponseType}> {helpers[resource.Route]}(HttpClient client)");
        EmitParents(writer, resource, helpers, "client");
        writer.Line($"using var created = await client.PostAsJsonAsync({Literal(resource.Route)}, {Construct(resource.CreateType, resource.Create, null)}, _json);");
        writer.Line($"Assert.True(created.StatusCode == HttpStatusCode.Created, $\"POST {Escape(resource.Route)} answered {{(int)created.StatusCode}}: {{await created.Content.ReadAsStringAsync()}}\");");
        writer.Line($"return (await created.Content.ReadFromJsonAsync<{resource.ResponseType}>(_json))!;");
        writer.Close();
    }

    private static void EmitParents(SourceWriter writer, ResourceTestModel resource, Dictionary<string, string> helpers, string client, ParentTestModel? except = null)
    {
        foreach (var parent in resource.Parents.Where(p => p != except))
            writer.Line($"var {parent.Variable} = await {helpers[parent.Route]}({client});");
    }

    /// <summary>The parent's key member as its create expression names it (<c>parent0.Id</c>).</summary>
    private static string KeyOf(ResourceTestModel resource, ParentTestModel parent)
    {
        var expression = resource.Create.First(v => v.Member == parent.Member).Expression;
        return expression.Substring(parent.Variable.Length + 1);
    }

    private static string Client(ResourceTestModel resource, string user)
    {
        var arguments = user;
        if (resource.Roles.Length > 0)
            arguments += $", roles: new[] {{ {string.Join(", ", resource.Roles.Select(Literal))} }}";
        if (resource.Policies.Length > 0)
            arguments += $", policies: new[] {{ {string.Join(", ", resource.Policies.Select(Literal))} }}";
        return $"_factory.CreateClientFor({arguments})";
    }

    private static void EmitHelpers(SourceWriter writer, bool counts, bool keys, bool naturalKeys)
    {
        if (naturalKeys)
        {
            writer.Line();
            writer.Line("// Natural keys for the items the tests create: distinct within a run, from a random start so a kept database does not collide.");
            writer.Line("private static long _nextKey = global::System.Random.Shared.NextInt64(1L << 40);");
            writer.Line();
            writer.Open("private static string NextKey(int length)");
            writer.Line("var number = global::System.Threading.Interlocked.Increment(ref _nextKey);");
            writer.Line("var key = new char[length];");
            writer.Open("for (var i = length - 1; i >= 0; i--)");
            writer.Line("key[i] = (char)('a' + (number % 26));");
            writer.Line("number /= 26;");
            writer.Close();
            writer.Line("return new string(key);");
            writer.Close();
        }

        if (keys)
        {
            writer.Line();
            writer.Open("private static async Task<global::System.Collections.Generic.List<string?>> ListKeysAsync(HttpClient client, string path, string key)");
            writer.Line("using var response = await client.GetAsync(path);");
            writer.Line("Assert.True(response.StatusCode == HttpStatusCode.OK, $\"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\");");
            writer.Line("using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());");
            writer.Line("return page.RootElement.GetProperty(\"items\").EnumerateArray().Select(item => (string?)item.GetProperty(key).ToString()).ToList();");
            writer.Close();
        }

        writer.Line();
        writer.Open("private static async Task<bool> ListContainsAsync(HttpClient client, string route, int pageSize, string key, string? value)");
        writer.Line("using var page = JsonDocument.Parse(await client.GetStringAsync($\"{route}?page=1&pageSize={pageSize}\"));");
        writer.Line("return page.RootElement.GetProperty(\"items\").EnumerateArray().Any(item => item.GetProperty(key).ToString() == value);");
        writer.Close();
        if (!counts)
            return;
        writer.Line();
        writer.Open("private static async Task<int> CountAsync(HttpClient client, string route, int pageSize, string member, string? value)");
        writer.Line("using var page = JsonDocument.Parse(await client.GetStringAsync($\"{route}?page=1&pageSize={pageSize}\"));");
        writer.Line("return page.RootElement.GetProperty(\"items\").EnumerateArray().Count(item => item.GetProperty(member).ToString() == value);");
        writer.Close();
    }

    private static string Construct(string type, EquatableArray<SampleValueModel> values, string? extra)
    {
        var assignments = values.Select(v => $"{v.Member} = {v.Expression}").ToList();
        if (extra is not null)
        {
            var member = extra.Substring(0, extra.IndexOf(' '));
            assignments.RemoveAll(a => a.StartsWith(member + " = ", System.StringComparison.Ordinal));
            assignments.Add(extra);
        }

        return assignments.Count == 0 ? $"new {type}()" : $"new {type} {{ {string.Join(", ", assignments)} }}";
    }

    private static string Key(ResourceTestModel resource) => JsonNames.CamelCase(resource.KeyMember);

    private static string Unique(HashSet<string> names, string name)
    {
        var candidate = name;
        for (var i = 2; !names.Add(candidate); i++)
            candidate = name + "_" + i;
        return candidate;
    }

    private static string Identifier(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
            text.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        var result = text.ToString().Trim('_');
        return result.Length == 0 || char.IsDigit(result[0]) ? "Endpoint_" + result : result;
    }


    // Text inside an interpolated string literal: quotes, backslashes and braces escaped.
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("{", "{{").Replace("}", "}}");
}
