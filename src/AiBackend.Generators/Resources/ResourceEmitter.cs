using System.Collections.Generic;
using System.Linq;
using AiBackend.Generators.Common;
using AiBackend.Generators.Endpoints;
using AiBackend.Generators.Validation;
using AiBackend.Shared.Documentation;

using static AiBackend.Generators.Common.CSharpText;
using Ops = AiBackend.Shared.Resources.ResourceOperations;

namespace AiBackend.Generators.Resources;

/// <summary>
/// Writes one resource: the response/create/update/page DTO records, then a static <c>{Entity}Resource</c> class with
/// the mapping, the validation and the five EF Core endpoints (list, get, create, update, delete).
/// </summary>
internal static class ResourceEmitter
{
    // The file imports the namespaces it uses (see Emit), so types read as they would in hand-written code.
    private const string Task = "Task";
    private const string Token = "CancellationToken";

    public static string Emit(ResourceModel resource, EndpointOptions options)
    {
        var writer = GeneratedFile.Start();
        // Imported so that the endpoints read as the code a person writes (LINQ and EF Core are extension methods anyway).
        writer.Line("using global::System.Linq;");
        writer.Line("using global::System.Security.Claims;");
        writer.Line("using global::System.Threading;");
        writer.Line("using global::System.Threading.Tasks;");
        writer.Line("using global::Microsoft.AspNetCore.Builder;");
        writer.Line("using global::Microsoft.AspNetCore.Http;");
        writer.Line("using global::Microsoft.AspNetCore.Http.HttpResults;");
        writer.Line("using global::Microsoft.EntityFrameworkCore;");
        writer.Line();
        writer.Line($"[assembly: global::AiBackend.GeneratedResource({Literal(resource.Route)}, typeof({resource.Qualified(resource.ResponseName)}), typeof({resource.Qualified(resource.CreateName)}), typeof({resource.Qualified(resource.UpdateName)}), "
                    + $"Key = {Literal(resource.Key.JsonName)}, Owned = {Bool(resource.ScopedToUser)}, ConcurrencyToken = {(resource.Concurrency is null ? "null" : Literal(resource.Concurrency.JsonName))}, MaxPageSize = {resource.MaxPageSize}, AllowAnonymous = {Bool(resource.AllowAnonymous)}, Operations = {(int)resource.Operations}{ManifestExtras(resource)})]");
        writer.Line();
        if (resource.Namespace is not null)
            writer.Open($"namespace {resource.Namespace}");

        // The doc comment is parsed here, when the model changed, not in the per-keystroke transform.
        var summary = DocComment.Parse(resource.DocumentationXml).Summary;
        EmitResponse(writer, resource, summary);
        EmitRequest(writer, resource, resource.CreateName, m => m.InCreate, create: true, $"The body of <c>POST {Xml(resource.Route)}</c>: what a client may set when creating {Xml(EnglishNames.WithArticle(EnglishNames.Words(resource.EntityName)))}.");
        EmitRequest(writer, resource, resource.UpdateName, m => m.InUpdate, create: false, $"The body of <c>PUT {Xml(resource.Route)}/{{{resource.Key.JsonName}}}</c>: what a client may change.");
        EmitPage(writer, resource);
        EmitResourceClass(writer, resource, summary, options);

        if (resource.Namespace is not null)
            writer.Close();
        return writer.ToString();
    }

    /// <summary>What the generated tests need beyond the DTOs: the parents to create first, and the roles to call with.</summary>
    private static string ManifestExtras(ResourceModel resource)
    {
        var text = new System.Text.StringBuilder();
        var parents = resource.Parents.Where(p => !p.IsNullable && resource.Members.Any(m => m.Name == p.ForeignKey && m.InCreate)).ToList();
        if (parents.Count > 0)
        {
            text.Append($", ParentMembers = new[] {{ {string.Join(", ", parents.Select(p => Literal(p.ForeignKey)))} }}");
            text.Append($", ParentRoutes = new[] {{ {string.Join(", ", parents.Select(p => Literal(p.Route ?? "")))} }}");
            if (parents.Any(p => p.ExpandedAs is not null))
                text.Append($", ParentExpansions = new[] {{ {string.Join(", ", parents.Select(p => Literal(p.ExpandedAs ?? "")))} }}");
        }

        // [Authorize(Roles = "a,b")] needs one of a and b; each [Authorize] must hold, so one role from each.
        var entity = resource.AllowAnonymous ? new AuthorizeModel[0] : resource.Authorize.ToArray();
        var all = entity.Concat(new[] { resource.ReadAuthorize, resource.WriteAuthorize }.Where(a => a is not null).Select(a => a!)).ToList();
        var roles = all.Where(a => a.Roles is { Length: > 0 }).Select(a => a.Roles!.Split(',')[0].Trim()).Where(r => r.Length > 0).Distinct().ToList();
        if (roles.Count > 0)
        {
            text.Append($", Roles = {Literal(string.Join(",", roles))}");
            // Which operations a user without any role is refused, so the tests know where 403 is the right answer.
            var byEntity = entity.Any(a => a.Roles is { Length: > 0 });
            var read = byEntity || resource.ReadAuthorize?.Roles is { Length: > 0 } ? Ops.List | Ops.Get : Ops.None;
            var write = byEntity || resource.WriteAuthorize?.Roles is { Length: > 0 } ? Ops.Create | Ops.Update | Ops.Patch | Ops.Delete : Ops.None;
            text.Append($", RoleOperations = {(int)((read | write) & resource.Operations)}");
        }

        var policies = all.Where(a => a.Policy is { Length: > 0 }).Select(a => a.Policy!).Distinct().ToList();
        if (policies.Count > 0)
            text.Append($", Policies = new[] {{ {string.Join(", ", policies.Select(Literal))} }}");
        if (resource.Has(Ops.List) && resource.Filters.Length > 0)
            text.Append($", Filter = new[] {{ {string.Join(", ", resource.Filters.Select(f => Literal(f.JsonName)))} }}");
        if (resource.Has(Ops.List) && resource.Sorts.Length > 0)
            text.Append($", Sort = new[] {{ {string.Join(", ", resource.Sorts.Select(f => Literal(f.JsonName)))} }}");
        return text.ToString();
    }

    private static void EmitResponse(SourceWriter writer, ResourceModel resource, string? summary)
    {
        var members = resource.Members.Where(m => m.InResponse).ToList();
        writer.Line($"/// <summary>{Xml(Capitalized(EnglishNames.WithArticle(EnglishNames.Words(resource.EntityName))))} as the API returns it.{(summary is null ? "" : " " + Xml(summary))}</summary>");
        foreach (var member in members)
            writer.Line($"/// <param name=\"{member.Name}\">The {Xml(resource.EntityName)}'s {Xml(member.Name)}.</param>");
        foreach (var expansion in resource.Expansions)
            writer.Line(expansion.IsCollection
                ? $"/// <param name=\"{expansion.Name}\">The {Xml(resource.EntityName)}'s {Xml(expansion.Name)} the caller may read, in key order; null in lists (read the item for them).</param>"
                : $"/// <param name=\"{expansion.Name}\">The {Xml(resource.EntityName)}'s {Xml(expansion.Name)}, or null when there is none the caller may read.</param>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        var parameters = members.Select(m => $"{m.Type} {m.Name}").Concat(resource.Expansions.Select(e => $"{e.ResponseType} {e.Name}"));
        writer.Line($"{resource.Accessibility} sealed record {resource.ResponseName}({string.Join(", ", parameters)});");
        writer.Line();
        EmitNested(writer, resource);
    }

    /// <summary>The DTOs of expanded entities that have no response of their own to reuse: their response members, nothing nested.</summary>
    private static void EmitNested(SourceWriter writer, ResourceModel resource)
    {
        foreach (var expansion in resource.Expansions.Where(e => e.ReusedType is null).GroupBy(e => e.GeneratedName).Select(g => g.First()))
        {
            writer.Line($"/// <summary>{Xml(Capitalized(EnglishNames.WithArticle(EnglishNames.Words(expansion.TargetName))))} as {Xml(EnglishNames.WithArticle(EnglishNames.Words(resource.EntityName)))} shows it nested (one level deep).</summary>");
            foreach (var member in expansion.Members)
                writer.Line($"/// <param name=\"{member.Name}\">The {Xml(expansion.TargetName)}'s {Xml(member.Name)}.</param>");
            writer.Line(GeneratedFile.GeneratedCodeAttribute);
            writer.Line($"{resource.Accessibility} sealed record {expansion.GeneratedName}({string.Join(", ", expansion.Members.Select(m => $"{m.Type} {m.Name}"))});");
            writer.Line();
        }
    }

    private static void EmitRequest(SourceWriter writer, ResourceModel resource, string name, System.Func<ResourceMemberModel, bool> include, bool create, string summary)
    {
        writer.Line($"/// <summary>{summary}</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"{resource.Accessibility} sealed record {name}");
        var first = true;
        foreach (var member in resource.Members.Where(include))
        {
            if (!first)
                writer.Line();
            first = false;
            writer.Line(member.IsConcurrencyToken
                ? $"/// <summary>The {Xml(member.Name)} the client last read; a stale value is rejected with 409.</summary>"
                : $"/// <summary>The {Xml(resource.EntityName)}'s {Xml(member.Name)}.</summary>");
            var rules = create ? CreateRules(member) : member.Rules;
            if (rules.Length > 0)
                writer.Line($"[{string.Join(", ", rules.Select(r => r.Attribute))}]");
            if (create && !IsParentKey(resource, member))
            {
                // Null when the client leaves it out: the entity keeps its default, or [Required] names what is missing.
                writer.Line($"public {Nullable(member.Type)} {member.Name} {{ get; init; }}");
                continue;
            }

            // An omitted string arrives as "", which [Required] rejects, instead of a null in a non-nullable member.
            writer.Line($"public {member.Type} {member.Name} {{ get; init; }}{(member.IsNonNullableString ? " = \"\";" : "")}");
        }

        writer.Close();
        writer.Line();
    }

    private static void EmitPage(SourceWriter writer, ResourceModel resource)
    {
        writer.Line($"/// <summary>One page of {Xml(EnglishNames.Words(EnglishNames.Plural(resource.EntityName)))}, {(resource.Sorts.Length > 0 ? "in the order asked for (key order by default)" : "in key order")}.</summary>");
        writer.Line("/// <param name=\"Items\">The items on this page.</param>");
        writer.Line("/// <param name=\"Page\">The 1-based page number.</param>");
        writer.Line("/// <param name=\"PageSize\">The page size asked for.</param>");
        writer.Line("/// <param name=\"TotalCount\">How many items there are in all.</param>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Line($"{resource.Accessibility} sealed record {resource.PageName}(global::System.Collections.Generic.IReadOnlyList<{resource.ResponseName}> Items, int Page, int PageSize, int TotalCount);");
        writer.Line();
    }

    private static void EmitResourceClass(SourceWriter writer, ResourceModel resource, string? summary, EndpointOptions options)
    {
        writer.Line($"/// <summary>Mapping, validation and endpoints of the {Xml(resource.EntityName)} resource (<c>{Xml(resource.Route)}</c>).</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"{resource.Accessibility} static class {resource.ResourceClassName}");
        EmitMapping(writer, resource);
        if (resource.Expansions.Length > 0)
            EmitProjections(writer, resource);
        EmitValidation(writer, resource);
        EmitMap(writer, resource, summary, options);
        // Only the operations asked for; PATCH is a PUT of the merged values, so it needs UpdateAsync too.
        if (resource.Has(Ops.List))
            EmitList(writer, resource);
        if (resource.Has(Ops.Get))
            EmitGet(writer, resource);
        if (resource.Has(Ops.Create))
            EmitCreate(writer, resource);
        if (resource.Has(Ops.Update | Ops.Patch))
            EmitUpdate(writer, resource);
        if (resource.Has(Ops.Patch))
            EmitPatch(writer, resource);
        if (resource.Has(Ops.Delete))
            EmitDelete(writer, resource);
        if (resource.Has(Ops.Get | Ops.Update | Ops.Patch | Ops.Delete))
            EmitNotFound(writer, resource);
        if (resource.ScopedToUser)
        {
            writer.Line();
            EmitCurrentUser(writer, resource);
        }

        ValidationEmitter.EmitHelper(writer);
        writer.Close();
    }

    private static void EmitMapping(SourceWriter writer, ResourceModel resource)
    {
        var entity = resource.EntityType;
        writer.Line($"/// <summary>The response for <paramref name=\"entity\"/>{(resource.Expansions.Length == 0 ? "" : ", without its expanded members (the generated endpoints load those, limited to what the caller may read)")}.</summary>");
        writer.Line($"/// <param name=\"entity\">The stored {Xml(resource.EntityName)}.</param>");
        writer.Line($"/// <returns>What the API returns for it.</returns>");
        writer.Line($"public static {resource.ResponseName} ToResponse(this {entity} entity) => new({string.Join(", ", resource.Members.Where(m => m.InResponse).Select(m => "entity." + m.Name).Concat(resource.Expansions.Select(_ => "null")))});");
        writer.Line();
        writer.Line($"/// <summary>A new {Xml(resource.EntityName)} from a create request.</summary>");
        writer.Line("/// <param name=\"request\">A validated create request.</param>");
        writer.Line("/// <returns>The entity to add.</returns>");
        // Required members the request does not carry are set by the endpoint afterwards (owner) or by the database.
        var notCarried = resource.RequiredNotInCreate.Select(name => $"{name} = default!").ToList();
        var members = resource.Members.Where(m => m.InCreate).ToList();
        var fallbacks = members.Where(m => IsOptional(resource, m) && !m.IsInitOnly).ToList();
        var initOnly = members.Where(m => IsOptional(resource, m) && m.IsInitOnly).ToList();
        var initialized = members.Where(m => !IsOptional(resource, m)).Select(m => $"{m.Name} = {(IsParentKey(resource, m) ? "request." + m.Name : Carried(m))}")
            .Concat(initOnly.Select(m => $"{m.Name} = request.{m.Name} ?? defaults.{m.Name}"))
            .Concat(notCarried)
            .ToList();
        var construction = initialized.Count == 0 ? "new()" : $"new() {{ {string.Join(", ", initialized)} }}";
        if (fallbacks.Count == 0 && initOnly.Count == 0)
        {
            writer.Line($"public static {entity} ToEntity(this {resource.CreateName} request) => {construction};");
        }
        else
        {
            writer.Open($"public static {entity} ToEntity(this {resource.CreateName} request)");
            if (initOnly.Count > 0)
            {
                writer.Line("// An init-only member can only take its default from a second, untouched instance.");
                writer.Line($"var defaults = {(notCarried.Count == 0 ? "new " + entity + "()" : $"new {entity} {{ {string.Join(", ", notCarried)} }}")};");
            }

            writer.Line($"{entity} entity = {construction};");
            if (fallbacks.Count > 0)
                writer.Line("// A member the client left out keeps the entity's own default.");
            foreach (var member in fallbacks)
                writer.Line($"if (request.{member.Name} is {{ }} {Local(member.Name)}) entity.{member.Name} = {Local(member.Name)};");
            writer.Line("return entity;");
            writer.Close();
        }

        writer.Line();
        writer.Line($"/// <summary>Copies an update request onto <paramref name=\"entity\"/>.</summary>");
        writer.Line("/// <param name=\"request\">A validated update request.</param>");
        writer.Line($"/// <param name=\"entity\">The stored {Xml(resource.EntityName)} to change.</param>");
        writer.Open($"public static void ApplyTo(this {resource.UpdateName} request, {entity} entity)");
        foreach (var member in resource.Members.Where(m => m.InUpdate && !m.IsConcurrencyToken))
            writer.Line($"entity.{member.Name} = request.{member.Name};");
        writer.Close();
        writer.Line();
        writer.Line($"/// <summary>The update request that would leave <paramref name=\"entity\"/> as it is: what a merge patch is applied to.</summary>");
        writer.Line($"/// <param name=\"entity\">The stored {Xml(resource.EntityName)}.</param>");
        writer.Line("/// <returns>Its current values as an update request.</returns>");
        var current = resource.Members.Where(m => m.InUpdate).Select(m => $"{m.Name} = entity.{m.Name}").ToList();
        writer.Line($"public static {resource.UpdateName} ToUpdateRequest(this {entity} entity) => {(current.Count == 0 ? "new()" : $"new() {{ {string.Join(", ", current)} }}")};");
        writer.Line();
    }

    /// <summary>
    /// The response as one query: each reference a join, each collection a correlated subquery, every related row
    /// limited by what its own resource would show the caller (owner, owned parents, soft delete). Lists leave
    /// collections out, so a page stays bounded.
    /// </summary>
    private static void EmitProjections(SourceWriter writer, ResourceModel resource)
    {
        var parameters = $"{resource.DbContext} db{(resource.ScopedToUser ? ", string userId" : "")}";
        var type = $"global::System.Linq.Expressions.Expression<global::System.Func<{resource.EntityType}, {resource.ResponseName}>>";
        var hasCollections = resource.Expansions.Any(e => e.IsCollection);
        writer.Line($"// The response with its expansions, as one query{(hasCollections ? "; lists use ListProjection, without the collections" : "")}.");
        writer.Line($"private static {type} Projection({parameters}) =>");
        writer.Line($"    entity => {Construction(resource, lists: false)};");
        writer.Line();
        if (hasCollections)
        {
            writer.Line($"private static {type} ListProjection({parameters}) =>");
            writer.Line($"    entity => {Construction(resource, lists: true)};");
            writer.Line();
        }

        if (!resource.Has(Ops.Create | Ops.Update | Ops.Patch))
            return;
        writer.Line("// A written row read back through the projection, so a write answers exactly what a GET would.");
        writer.Line($"private static {Task}<{resource.ResponseName}> ReadBackAsync({resource.Key.Type} id, {parameters}, {Token} cancellationToken) =>");
        writer.Line($"    db.Set<{resource.EntityType}>().AsNoTracking().Where(entity => entity.{resource.Key.Name} == id).Select(Projection({ProjectionArguments(resource)})).FirstAsync(cancellationToken);");
        writer.Line();
    }

    private static string Construction(ResourceModel resource, bool lists)
    {
        var values = resource.Members.Where(m => m.InResponse).Select(m => "entity." + m.Name)
            .Concat(resource.Expansions.Select(e => lists && e.IsCollection ? "null" : Nested(e)));
        return $"new {resource.ResponseName}({string.Join(", ", values)})";
    }

    private static string Nested(ExpansionModel expansion)
    {
        if (expansion.IsCollection)
        {
            var visible = ParentScope(expansion.Scope, "child", 0) is { } scope ? $".Where(child => {scope})" : "";
            var members = string.Join(", ", expansion.Members.Select(m => "child." + m.Name));
            return $"entity.{expansion.Name}!{visible}.OrderBy(child => child.{expansion.Key}).Select(child => new {expansion.NestedType}({members})).ToList()";
        }

        var navigation = "entity." + expansion.Name;
        var condition = $"{navigation} != null" + (ParentScope(expansion.Scope, navigation, 0) is { } own ? " && " + own : "");
        return $"{condition} ? new {expansion.NestedType}({string.Join(", ", expansion.Members.Select(m => navigation + "." + m.Name))}) : null";
    }

    private static string ProjectionArguments(ResourceModel resource) => resource.ScopedToUser ? "db, userId" : "db";

    /// <summary>What a write answers: the entity's response, or, with expansions, the row read back with them.</summary>
    private static string Response(ResourceModel resource) =>
        resource.Expansions.Length == 0 ? "entity.ToResponse()" : $"await ReadBackAsync(entity.{resource.Key.Name}, {ProjectionArguments(resource)}, cancellationToken)";

    private static void EmitValidation(SourceWriter writer, ResourceModel resource)
    {
        foreach (var (type, create) in new[] { (resource.CreateName, true), (resource.UpdateName, false) })
        {
            var members = resource.Members.Where(m => create ? m.InCreate : m.InUpdate)
                .Select(m => new ValidatedMemberModel(m.Name, m.JsonName, create ? CreateRules(m) : m.Rules))
                .Where(m => m.Rules.Length > 0);
            ValidationEmitter.Emit(writer, new ValidatorModel(type, "Validate" + type, members.ToEquatableArray()), "public");
            writer.Line();
        }
    }

    private static void EmitMap(SourceWriter writer, ResourceModel resource, string? summary, EndpointOptions options)
    {
        var item = "/" + resource.Key.ItemParameter;
        var name = resource.EntityName;
        writer.Line($"/// <summary>Maps the {Xml(name)} endpoints under <c>{Xml(resource.Route)}</c>.</summary>");
        writer.Line("/// <param name=\"endpoints\">The application or route group to map into.</param>");
        writer.Line("/// <returns>The resource's route group, for further conventions.</returns>");
        writer.Open("internal static global::Microsoft.AspNetCore.Routing.RouteGroupBuilder MapResource(global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)");
        writer.Line($"var group = endpoints.MapGroup({Literal(resource.Route)}).WithTags({Literal(resource.Tag)});");
        var perOperation = resource.ReadAuthorize is not null || resource.WriteAuthorize is not null;
        if (resource.AllowAnonymous && !perOperation)
            writer.Line("group.AllowAnonymous();");
        else if (resource.AllowAnonymous)
            writer.Line("// Anonymous where no ReadRoles/WriteRoles (or policy) apply, set on each endpoint so the two never meet.");
        else if (resource.Authorize.Length > 0)
            writer.Line($"group.RequireAuthorization({string.Join(", ", resource.Authorize.Select(EndpointEmitter.AuthorizeAttribute))});");
        else if (options.RequireAuthorizationByDefault)
            writer.Line("group.RequireAuthorization();");
        // What the authorization middleware (401, 403) and the owner check (403 without a user id) can answer, so clients see it.
        var authenticated = !resource.AllowAnonymous && (resource.Authorize.Length > 0 || options.RequireAuthorizationByDefault || resource.ScopedToUser);
        var refusable = !resource.AllowAnonymous && (resource.Authorize.Any(a => a.Roles is not null || a.Policy is not null) || resource.ScopedToUser);
        var createsChild = resource.Parents.Any(p => resource.Members.Any(m => m.Name == p.ForeignKey && m.InCreate));
        // Operation ids and summaries read as English: ListWorkItems, "Lists work items", "Creates an order".
        var words = EnglishNames.Words(name);
        var one = EnglishNames.WithArticle(words);
        if (resource.Has(Ops.List))
            MapOne(writer, "MapGet", "\"\"", "ListAsync", "List" + EnglishNames.Plural(name), $"Lists {EnglishNames.Words(EnglishNames.Plural(name))}, a page at a time.", validates: true);
        if (resource.Has(Ops.Get))
            MapOne(writer, "MapGet", Literal(item), "GetAsync", "Get" + name, $"Gets one {words} by its {resource.Key.Name}.", validates: false, "Status404NotFound");
        if (resource.Has(Ops.Create))
            MapOne(writer, "MapPost", "\"\"", "CreateAsync", "Create" + name, $"Creates {one}.", validates: true,
                new[] { createsChild ? "Status404NotFound" : null, resource.Key.FromClient ? "Status409Conflict" : null }.Where(s => s is not null).Select(s => s!).ToArray());
        if (resource.Has(Ops.Update))
            MapOne(writer, "MapPut", Literal(item), "UpdateAsync", "Update" + name, $"Replaces the values of {one}.", validates: true, resource.Concurrency is null ? new[] { "Status404NotFound" } : new[] { "Status404NotFound", "Status409Conflict" });
        if (resource.Has(Ops.Patch))
            MapOne(writer, "MapPatch", Literal(item), "PatchAsync", "Patch" + name, $"Changes some values of {one} (JSON merge patch).", validates: true, resource.Concurrency is null ? new[] { "Status404NotFound" } : new[] { "Status404NotFound", "Status409Conflict" });
        if (resource.Has(Ops.Delete))
            MapOne(writer, "MapDelete", Literal(item), "DeleteAsync", "Delete" + name, $"Deletes {one}.", validates: false, "Status404NotFound");
        writer.Line("return group;");
        writer.Close();
        writer.Line();

        // ProblemHttpResult says nothing about its status to OpenAPI, so each problem an operation can answer is declared.
        void MapOne(SourceWriter w, string map, string route, string handler, string endpointName, string operationSummary, bool validates, params string[] problems)
        {
            // ReadRoles/ReadPolicy on list and get, WriteRoles/WritePolicy on the rest: on top of the group's [Authorize].
            var own = map == "MapGet" ? resource.ReadAuthorize : resource.WriteAuthorize;
            var authorizationResponses = new List<string>();
            if (authenticated || own is not null)
                authorizationResponses.Add(".Produces(StatusCodes.Status401Unauthorized)");
            if (refusable || own is not null)
                authorizationResponses.Add(".Produces(StatusCodes.Status403Forbidden)");
            if (own is not null)
                authorizationResponses.Insert(0, $".RequireAuthorization({EndpointEmitter.AuthorizeAttribute(own)})");
            else if (resource.AllowAnonymous && perOperation)
                authorizationResponses.Insert(0, ".AllowAnonymous()");
            var calls = new List<string> { $".WithName({Literal(endpointName)})", $".WithSummary({Literal(operationSummary)})" };
            if (summary is not null)
                calls.Add($".WithDescription({Literal(summary)})");
            if (map == "MapPatch")
                calls.Add(".Accepts<global::System.Text.Json.Nodes.JsonObject>(\"application/merge-patch+json\", \"application/json\")");
            if (validates)
                calls.Add(".ProducesValidationProblem()");
            calls.AddRange(problems.Select(status => $".ProducesProblem(StatusCodes.{status})"));
            calls.AddRange(authorizationResponses);
            w.Line($"group.{map}({route}, {handler})");
            for (var i = 0; i < calls.Count; i++)
                w.Line("    " + calls[i] + (i == calls.Count - 1 ? ";" : ""));
        }
    }

    private static void EmitList(SourceWriter writer, ResourceModel resource)
    {
        var results = ResultsOf(resource, $"Ok<{resource.PageName}>", $"ValidationProblem");
        var plural = Xml(EnglishNames.Words(EnglishNames.Plural(resource.EntityName)));
        var fromQuery = "global::Microsoft.AspNetCore.Mvc.FromQuery";
        var description = "global::System.ComponentModel.Description";
        var parameters = new List<string> { resource.DbContext + " db", UserParameter(resource) + "HttpRequest http" };
        parameters.Add($"[{fromQuery}, {description}(\"The 1-based page number (default 1).\")] int? page");
        parameters.Add($"[{fromQuery}, {description}({Literal($"The page size, 1 to {resource.MaxPageSize} (default {resource.DefaultPageSize}).")})] int? pageSize");
        if (resource.Sorts.Length > 0)
            parameters.Add($"[{fromQuery}, {description}({Literal(SortHelp(resource))})] string? sort");
        foreach (var (filter, index) in resource.Filters.Select((f, i) => (f, i)))
            parameters.Add($"[{fromQuery}(Name = {Literal(filter.JsonName)}), {description}({Literal($"Only {EnglishNames.Words(EnglishNames.Plural(resource.EntityName))} whose {filter.JsonName} is this.")})] {filter.ParameterType} filter{index}");
        var query = string.Join("&amp;", new[] { $"page=1", $"pageSize={resource.DefaultPageSize}" }
            .Concat(resource.Filters.Select(f => f.JsonName + "=…"))
            .Concat(resource.Sorts.Length > 0 ? new[] { "sort=…" } : new string[0]));
        writer.Line($"/// <summary><c>GET {Xml(resource.Route)}?{query}</c>: at most {resource.MaxPageSize} {plural} per page, {(resource.Sorts.Length > 0 ? "in the order asked for, ties (and no order) by key" : "in key order")}; any other query parameter is a 400.</summary>");
        writer.Open($"internal static async {Task}<{results}> ListAsync({string.Join(", ", parameters)}, {Token} cancellationToken)");
        writer.Line("var number = page ?? 1;");
        writer.Line($"var size = pageSize ?? {resource.DefaultPageSize};");
        writer.Line("var errors = new global::System.Collections.Generic.Dictionary<string, string[]>();");
        writer.Line("if (number < 1)");
        writer.Line("    errors[\"page\"] = new[] { \"The page must be 1 or more.\" };");
        writer.Line($"if (size < 1 || size > {resource.MaxPageSize})");
        writer.Line($"    errors[\"pageSize\"] = new[] {{ \"The page size must be between 1 and {resource.MaxPageSize}.\" }};");
        writer.Line("// A filter or sort this list does not offer is refused with what it does offer, never silently ignored.");
        writer.Line("foreach (var name in http.Query.Keys.Where(name => !QueryParameters.Contains(name)))");
        writer.Line($"    errors[name] = new[] {{ $\"'{{name}}' is not a query parameter of this list. {Escape(QueryHelp(resource))}\" }};");
        foreach (var (filter, index) in resource.Filters.Select((f, i) => (f, i)).Where(f => f.f.IsEnum))
        {
            writer.Line($"if (filter{index} is {{ }} undefined{index} && !global::System.Enum.IsDefined(undefined{index}))");
            writer.Line($"    errors[{Literal(filter.JsonName)}] = new[] {{ {Literal($"The {filter.JsonName} is not one of its defined values.")} }};");
        }

        if (resource.Sorts.Length > 0)
        {
            writer.Line("var order = new global::System.Collections.Generic.List<(string Member, bool Descending)>();");
            writer.Open("foreach (var field in (sort ?? \"\").Split(',', global::System.StringSplitOptions.RemoveEmptyEntries | global::System.StringSplitOptions.TrimEntries))");
            writer.Line("var descending = field.StartsWith('-');");
            writer.Line("var name = descending ? field.Substring(1) : field;");
            writer.Line("var member = SortMembers.FirstOrDefault(sortable => string.Equals(sortable, name, global::System.StringComparison.OrdinalIgnoreCase));");
            writer.Line("if (member is null)");
            writer.Line($"    errors[\"sort\"] = new[] {{ $\"'{{name}}' cannot be sorted by. {Escape(SortHelp(resource))}\" }};");
            writer.Line("else");
            writer.Line("    order.Add((member, descending));");
            writer.Close();
        }

        writer.Line("if (errors.Count > 0)");
        writer.Line($"    return TypedResults.ValidationProblem(errors);");
        writer.Line();
        EmitUserCheck(writer, resource);
        var scope = Scope(resource, "entity");
        writer.Line($"var query = db.Set<{resource.EntityType}>().AsNoTracking(){(scope is null ? "" : $".Where(entity => {scope})")};");
        foreach (var (filter, index) in resource.Filters.Select((f, i) => (f, i)))
        {
            writer.Line($"if (filter{index} is {{ }} {filter.JsonName}Value{index})");
            writer.Line($"    query = query.Where(entity => entity.{filter.Name} == {filter.JsonName}Value{index});");
        }

        writer.Line("var total = await query.CountAsync(cancellationToken);");
        var byKey = $"entity => entity.{resource.Key.Name}";
        if (resource.Sorts.Length > 0)
        {
            writer.Line($"IOrderedQueryable<{resource.EntityType}>? ordered = null;");
            writer.Open("foreach (var (member, descending) in order)");
            writer.Open("switch (member)");
            foreach (var sort in resource.Sorts)
                writer.Line($"case {Literal(sort.JsonName)}: ordered = SortBy(query, ordered, entity => entity.{sort.Name}, descending); break;");
            writer.Close();
            writer.Close();
            writer.Line();
            writer.Line("// The key breaks every tie, so a row is on exactly one page however the pages are sorted.");
            writer.Line($"var items = await (ordered is null ? query.OrderBy({byKey}) : ordered.ThenBy({byKey}))");
        }
        else
        {
            writer.Line("var items = await query");
            writer.Line($"    .OrderBy({byKey})");
        }

        writer.Line("    .Skip((number - 1) * size)");
        writer.Line("    .Take(size)");
        writer.Line(resource.Expansions.Length == 0
            ? $"    .Select(entity => new {resource.ResponseName}({string.Join(", ", resource.Members.Where(m => m.InResponse).Select(m => "entity." + m.Name))}))"
            : $"    .Select({(resource.Expansions.Any(e => e.IsCollection) ? "ListProjection" : "Projection")}({ProjectionArguments(resource)}))");
        writer.Line("    .ToListAsync(cancellationToken);");
        writer.Line($"return TypedResults.Ok(new {resource.PageName}(items, number, size, total));");
        writer.Close();
        writer.Line();

        writer.Line("// The list's query parameters; query keys are case-insensitive, as ASP.NET Core binds them.");
        var names = new[] { "page", "pageSize" }.Concat(resource.Sorts.Length > 0 ? new[] { "sort" } : new string[0]).Concat(resource.Filters.Select(f => f.JsonName));
        writer.Line($"private static readonly global::System.Collections.Generic.HashSet<string> QueryParameters = new(global::System.StringComparer.OrdinalIgnoreCase) {{ {string.Join(", ", names.Select(Literal))} }};");
        if (resource.Sorts.Length == 0)
        {
            writer.Line();
            return;
        }

        writer.Line();
        writer.Line($"private static readonly string[] SortMembers = {{ {string.Join(", ", resource.Sorts.Select(s => Literal(s.JsonName)))} }};");
        writer.Line();
        writer.Line($"private static IOrderedQueryable<{resource.EntityType}> SortBy<TKey>(IQueryable<{resource.EntityType}> query, IOrderedQueryable<{resource.EntityType}>? ordered, global::System.Linq.Expressions.Expression<global::System.Func<{resource.EntityType}, TKey>> key, bool descending) =>");
        writer.Line("    ordered is null");
        writer.Line("        ? (descending ? query.OrderByDescending(key) : query.OrderBy(key))");
        writer.Line("        : (descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key));");
        writer.Line();
    }

    /// <summary>What the list accepts, for the 400 that refuses anything else.</summary>
    private static string QueryHelp(ResourceModel resource)
    {
        var parts = new List<string>();
        if (resource.Filters.Length > 0)
            parts.Add($"Filter by {Or(resource.Filters.Select(f => f.JsonName))}.");
        if (resource.Sorts.Length > 0)
            parts.Add(SortHelp(resource));
        parts.Add(parts.Count == 0 ? "This list takes only page and pageSize." : "Page with page and pageSize.");
        return string.Join(" ", parts);
    }

    private static string SortHelp(ResourceModel resource) =>
        $"Sort by {Or(resource.Sorts.Select(s => s.JsonName))}, comma separated, '-' first for descending order (sort=-{resource.Sorts.First().JsonName}).";

    private static string Or(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[list.Count - 1];
    }

    // Text inside an interpolated string literal: quotes, backslashes and braces escaped.
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("{", "{{").Replace("}", "}}");

    private static void EmitGet(SourceWriter writer, ResourceModel resource)
    {
        var results = ResultsOf(resource, $"Ok<{resource.ResponseName}>", "ProblemHttpResult");
        writer.Line($"/// <summary><c>GET {Xml(resource.Route)}/{{{resource.Key.JsonName}}}</c>: 404 when there is no such {Xml(resource.EntityName)}{(resource.ScopedToUser ? " of the current user" : "")}.</summary>");
        writer.Open($"internal static async {Task}<{results}> GetAsync({resource.Key.Type} id, {resource.DbContext} db, {UserParameter(resource)}{Token} cancellationToken)");
        EmitUserCheck(writer, resource);
        if (resource.Expansions.Length > 0)
        {
            writer.Line($"var response = await db.Set<{resource.EntityType}>().AsNoTracking().Where({Match(resource)}).Select(Projection({ProjectionArguments(resource)})).FirstOrDefaultAsync(cancellationToken);");
            writer.Line($"return response is null ? NotFoundProblem(id) : TypedResults.Ok(response);");
        }
        else
        {
            writer.Line($"var entity = await db.Set<{resource.EntityType}>().AsNoTracking().FirstOrDefaultAsync({Match(resource)}, cancellationToken);");
            writer.Line($"return entity is null ? NotFoundProblem(id) : TypedResults.Ok(entity.ToResponse());");
        }
        writer.Close();
        writer.Line();
    }

    private static void EmitCreate(SourceWriter writer, ResourceModel resource)
    {
        var parents = resource.Parents.Where(p => resource.Members.Any(m => m.Name == p.ForeignKey && m.InCreate)).ToList();
        var results = parents.Count == 0 && !resource.Key.FromClient
            ? ResultsOf(resource, $"Created<{resource.ResponseName}>", "ValidationProblem")
            : ResultsOf(resource, $"Created<{resource.ResponseName}>", "ValidationProblem", "ProblemHttpResult");
        writer.Line($"/// <summary><c>POST {Xml(resource.Route)}</c>: 201 with the new {Xml(resource.EntityName)} and its location, 400 when the request is invalid{ParentSummary(parents)}{(resource.Key.FromClient ? $", 409 when its {Xml(resource.Key.Name)} is taken" : "")}.</summary>");
        writer.Open($"internal static async {Task}<{results}> CreateAsync({resource.CreateName} request, {resource.DbContext} db, {UserParameter(resource)}{Token} cancellationToken)");
        EmitValidation(writer, resource, resource.CreateName, parents);
        EmitUserCheck(writer, resource);
        EmitParentChecks(writer, resource, parents);
        if (resource.Key.FromClient)
        {
            writer.Line($"// The {resource.Key.Name} is the client's (a natural key): a taken one is a conflict, not a database failure.");
            writer.Line($"if (await db.Set<{resource.EntityType}>().AnyAsync(entity => entity.{resource.Key.Name} == request.{resource.Key.Name}, cancellationToken))");
            writer.Line($"    return TypedResults.Problem($\"There already is {EnglishNames.WithArticle(EnglishNames.Words(resource.EntityName))} {{request.{resource.Key.Name}}}.\", statusCode: StatusCodes.Status409Conflict);");
        }

        writer.Line();
        writer.Line("var entity = request.ToEntity();");
        if (resource.Owner is not null)
            writer.Line($"entity.{resource.Owner} = userId;");
        writer.Line($"db.Set<{resource.EntityType}>().Add(entity);");
        writer.Line("await db.SaveChangesAsync(cancellationToken);");
        var location = resource.Key.Type.StartsWith("string", System.StringComparison.Ordinal) ? $"(global::System.Uri.EscapeDataString(entity.{resource.Key.Name}))" : $"entity.{resource.Key.Name}";
        writer.Line($"return TypedResults.Created($\"{resource.Route}/{{{location}}}\", {Response(resource)});");
        writer.Close();
        writer.Line();
    }

    private static void EmitUpdate(SourceWriter writer, ResourceModel resource)
    {
        var parents = resource.Parents.Where(p => resource.Members.Any(m => m.Name == p.ForeignKey && m.InUpdate)).ToList();
        var results = ResultsOf(resource, $"Ok<{resource.ResponseName}>", "ProblemHttpResult", "ValidationProblem");
        writer.Line($"/// <summary><c>PUT {Xml(resource.Route)}/{{{resource.Key.JsonName}}}</c>: 404 when there is no such {Xml(resource.EntityName)}, 400 when the request is invalid{ParentSummary(parents)}{(resource.Concurrency is null ? "" : $", 409 when its {Xml(resource.Concurrency.Name)} is stale")}.</summary>");
        writer.Open($"internal static async {Task}<{results}> UpdateAsync({resource.Key.Type} id, {resource.UpdateName} request, {resource.DbContext} db, {UserParameter(resource)}{Token} cancellationToken)");
        EmitValidation(writer, resource, resource.UpdateName, parents);
        EmitUserCheck(writer, resource);
        writer.Line();
        writer.Line($"var entity = await db.Set<{resource.EntityType}>().FirstOrDefaultAsync({Match(resource)}, cancellationToken);");
        writer.Line("if (entity is null)");
        writer.Line("    return NotFoundProblem(id);");
        EmitParentChecks(writer, resource, parents);
        writer.Line();
        if (resource.Concurrency is { } token)
        {
            writer.Line("// The token the client read is what the database row must still have.");
            writer.Line($"db.Entry(entity).Property(e => e.{token.Name}).OriginalValue = request.{token.Name};");
        }

        writer.Line("request.ApplyTo(entity);");
        if (resource.Concurrency is { Kind: "Increment" } increment)
            writer.Line($"entity.{increment.Name}++;");
        else if (resource.Concurrency is { Kind: "NewGuid" } guid)
            writer.Line($"entity.{guid.Name} = global::System.Guid.NewGuid();");

        if (resource.Concurrency is null)
        {
            writer.Line("await db.SaveChangesAsync(cancellationToken);");
        }
        else
        {
            writer.Open("try");
            writer.Line("await db.SaveChangesAsync(cancellationToken);");
            writer.Close();
            writer.Open("catch (DbUpdateConcurrencyException)");
            writer.Line($"return TypedResults.Problem({Literal($"The {EnglishNames.Words(resource.EntityName)} changed since its {resource.Concurrency.JsonName} was read: read it again and reapply the change.")}, statusCode: StatusCodes.Status409Conflict);");
            writer.Close();
            writer.Line();
        }

        writer.Line($"return TypedResults.Ok({Response(resource)});");
        writer.Close();
        writer.Line();
    }

    private static void EmitPatch(SourceWriter writer, ResourceModel resource)
    {
        var results = ResultsOf(resource, $"Ok<{resource.ResponseName}>", "ProblemHttpResult", "ValidationProblem");
        writer.Line($"/// <summary>");
        writer.Line($"/// <c>PATCH {Xml(resource.Route)}/{{{resource.Key.JsonName}}}</c> with a JSON merge patch (RFC 7396): the members sent replace the stored");
        writer.Line($"/// ones and the others stay, then it is a PUT of the result, with the same validation, {(resource.ScopedToUser ? "ownership, " : "")}parent checks{(resource.Concurrency is null ? "" : " and concurrency token (which the patch must carry)")}.");
        writer.Line($"/// </summary>");
        writer.Open($"internal static async {Task}<{results}> PatchAsync({resource.Key.Type} id, global::System.Text.Json.Nodes.JsonObject patch, {resource.DbContext} db, {UserParameter(resource)}global::Microsoft.Extensions.Options.IOptions<global::Microsoft.AspNetCore.Http.Json.JsonOptions> json, {Token} cancellationToken)");
        if (resource.Concurrency is { } token)
        {
            writer.Line($"// Without the {token.JsonName} the client read, the stored one would be compared with itself and a lost update go unnoticed.");
            writer.Line($"if (!patch.Any(member => string.Equals(member.Key, {Literal(token.JsonName)}, global::System.StringComparison.OrdinalIgnoreCase)))");
            writer.Line($"    return TypedResults.ValidationProblem(new global::System.Collections.Generic.Dictionary<string, string[]> {{ [{Literal(token.JsonName)}] = new[] {{ {Literal($"Send the {token.JsonName} you read: it is how a stale change is told apart.")} }} }});");
        }

        EmitUserCheck(writer, resource);
        writer.Line($"var entity = await db.Set<{resource.EntityType}>().AsNoTracking().FirstOrDefaultAsync({Match(resource)}, cancellationToken);");
        writer.Line("if (entity is null)");
        writer.Line("    return NotFoundProblem(id);");
        writer.Line();
        writer.Line($"{resource.UpdateName}? request;");
        writer.Open("try");
        writer.Line("var merged = global::System.Text.Json.JsonSerializer.SerializeToNode(entity.ToUpdateRequest(), json.Value.SerializerOptions)!.AsObject();");
        writer.Line("foreach (var member in patch)");
        writer.Line("    merged[member.Key] = member.Value?.DeepClone();");
        writer.Line($"request = global::System.Text.Json.JsonSerializer.Deserialize<{resource.UpdateName}>(merged, json.Value.SerializerOptions);");
        writer.Close();
        writer.Open("catch (global::System.Text.Json.JsonException exception)");
        writer.Line("// A member of the wrong type (or null for a number): a 400 naming the member.");
        writer.Line("return TypedResults.ValidationProblem(new global::System.Collections.Generic.Dictionary<string, string[]> { [exception.Path?.TrimStart('$', '.') ?? \"\"] = new[] { \"The value is not valid here.\" } });");
        writer.Close();
        writer.Line();
        writer.Line($"return await UpdateAsync(id, request!, db, {(resource.ScopedToUser ? "user, " : "")}cancellationToken);");
        writer.Close();
        writer.Line();
    }

    private static void EmitDelete(SourceWriter writer, ResourceModel resource)
    {
        var results = ResultsOf(resource, $"NoContent", "ProblemHttpResult");
        writer.Line($"/// <summary><c>DELETE {Xml(resource.Route)}/{{{resource.Key.JsonName}}}</c>: 204{(resource.SoftDelete is null ? "" : $" (the row is kept with its {Xml(resource.SoftDelete.Name)} set)")}, or 404 when there is no such {Xml(resource.EntityName)}.</summary>");
        writer.Open($"internal static async {Task}<{results}> DeleteAsync({resource.Key.Type} id, {resource.DbContext} db, {UserParameter(resource)}{Token} cancellationToken)");
        EmitUserCheck(writer, resource);
        writer.Line($"var entity = await db.Set<{resource.EntityType}>().FirstOrDefaultAsync({Match(resource)}, cancellationToken);");
        writer.Line("if (entity is null)");
        writer.Line("    return NotFoundProblem(id);");
        writer.Line();
        if (resource.SoftDelete is { } marker)
        {
            writer.Line($"// Soft delete: the row stays, marked, and every query of this resource leaves it out from now on.");
            writer.Line($"entity.{marker.Name} = {marker.DeletedValue};");
        }
        else
        {
            writer.Line($"db.Set<{resource.EntityType}>().Remove(entity);");
        }

        writer.Line("await db.SaveChangesAsync(cancellationToken);");
        writer.Line($"return TypedResults.NoContent();");
        writer.Close();
        writer.Line();
    }

    /// <summary>The request's own validation, plus a required parent key left at its default (a JSON body without it).</summary>
    private static void EmitValidation(SourceWriter writer, ResourceModel resource, string request, List<ParentModel> parents)
    {
        var required = parents.Where(p => !p.IsNullable).ToList();
        if (required.Count == 0)
        {
            writer.Line($"if (Validate{request}(request) is {{ }} errors)");
            writer.Line($"    return TypedResults.ValidationProblem(errors);");
            return;
        }

        writer.Line($"var errors = Validate{request}(request);");
        foreach (var parent in required)
        {
            writer.Line($"if (request.{parent.ForeignKey} == default)");
            writer.Line($"    (errors ??= new global::System.Collections.Generic.Dictionary<string, string[]>()).TryAdd({Literal(parent.JsonName)}, new[] {{ {Literal($"The {parent.JsonName} field is required: the {parent.EntityName} this {resource.EntityName} belongs to.")} }});");
        }

        writer.Line("if (errors is not null)");
        writer.Line($"    return TypedResults.ValidationProblem(errors);");
    }

    /// <summary>
    /// Each parent must exist and be visible to the caller before the row points at it: another user's parent answers
    /// exactly like a missing one (404), and the database never sees a dangling foreign key (a 500).
    /// </summary>
    private static void EmitParentChecks(SourceWriter writer, ResourceModel resource, List<ParentModel> parents)
    {
        foreach (var (parent, index) in parents.Select((p, i) => (p, i)))
        {
            var key = "parentKey" + index;
            var condition = $"parent0.{parent.Key} == {(parent.IsNullable ? key : "request." + parent.ForeignKey)}";
            if (ParentScope(parent, "parent0", 1) is { } scope)
                condition += " && " + scope;
            writer.Line(parent.IsScoped
                ? $"// The {parent.EntityName} must exist and be the caller's: another user's {parent.EntityName} answers like a missing one."
                : $"// The {parent.EntityName} must exist: a dangling {parent.ForeignKey} is a 404 here, not a foreign key failure in the database.");
            var test = $"!await db.Set<{parent.EntityType}>().AnyAsync(parent0 => {condition}, cancellationToken)";
            writer.Line(parent.IsNullable ? $"if (request.{parent.ForeignKey} is {{ }} {key} && {test})" : $"if ({test})");
            writer.Line($"    return TypedResults.Problem($\"There is no {EnglishNames.Words(parent.EntityName)} {{request.{parent.ForeignKey}}}.\", statusCode: StatusCodes.Status404NotFound);");
        }
    }

    private static string ParentSummary(List<ParentModel> parents) =>
        parents.Count == 0 ? "" : $", 404 when its {string.Join(" or ", parents.Select(p => Xml(p.EntityName)))} does not exist{(parents.Any(p => p.IsScoped) ? " or is another user's" : "")}";

    /// <summary>
    /// What limits <paramref name="variable"/> to the current user: its own owner, and each owned parent chain as a
    /// correlated <c>Any</c> (EF Core translates it to an EXISTS; no navigation property needed). Null when unscoped.
    /// </summary>
    private static string? Scope(ResourceModel resource, string variable)
    {
        var parts = new List<string>();
        if (resource.SoftDelete is { } marker)
            parts.Add(marker.Live(variable));
        if (resource.Owner is not null)
            parts.Add($"{variable}.{resource.Owner} == userId");
        parts.AddRange(resource.Parents.Where(p => p.IsScoped).Select(p => ParentClause(p, variable, 0)));
        return parts.Count == 0 ? null : string.Join(" && ", parts);
    }

    private static string ParentClause(ParentModel parent, string child, int depth)
    {
        var variable = "parent" + depth;
        var condition = $"{variable}.{parent.Key} == {child}.{parent.ForeignKey}";
        if (ParentScope(parent, variable, depth + 1) is { } scope)
            condition += " && " + scope;
        var any = $"db.Set<{parent.EntityType}>().Any({variable} => {condition})";
        // A child without a parent (a null key) belongs to no one's parent, so the parent cannot hide it.
        return parent.IsNullable ? $"({child}.{parent.ForeignKey} == null || {any})" : any;
    }

    private static string? ParentScope(ParentModel parent, string variable, int depth)
    {
        var parts = new List<string>();
        if (parent.SoftDelete is { } marker)
            parts.Add(marker.Live(variable));
        if (parent.Owner is not null)
            parts.Add($"{variable}.{parent.Owner} == userId");
        parts.AddRange(parent.Parents.Where(p => p.IsScoped).Select(p => ParentClause(p, variable, depth)));
        return parts.Count == 0 ? null : string.Join(" && ", parts);
    }

    private static void EmitCurrentUser(SourceWriter writer, ResourceModel resource)
    {
        var claim = resource.UserIdClaim is null
            ? "user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst(\"sub\")?.Value"
            : $"user.FindFirst({Literal(resource.UserIdClaim)})?.Value";
        writer.Line("// The owner every query is scoped to: an authenticated user without an id claim gets 403, never all rows.");
        writer.Line($"private static string? CurrentUserId(ClaimsPrincipal user) => {claim};");
    }

    private static void EmitNotFound(SourceWriter writer, ResourceModel resource)
    {
        writer.Line($"// A ProblemDetails body, as for every other error; {(resource.ScopedToUser ? "another user's row gets the very same answer" : "the key says what was missing")}.");
        writer.Line($"private static ProblemHttpResult NotFoundProblem({resource.Key.Type} id) => TypedResults.Problem($\"There is no {EnglishNames.Words(resource.EntityName)} {{id}}.\", statusCode: StatusCodes.Status404NotFound);");
    }

    private static void EmitUserCheck(SourceWriter writer, ResourceModel resource)
    {
        if (!resource.ScopedToUser)
            return;
        writer.Line("if (CurrentUserId(user) is not { Length: > 0 } userId)");
        writer.Line($"    return TypedResults.Forbid();");
    }

    private static string UserParameter(ResourceModel resource) =>
        resource.ScopedToUser ? "ClaimsPrincipal user, " : "";

    private static string Match(ResourceModel resource) =>
        Scope(resource, "entity") is { } scope ? $"entity => entity.{resource.Key.Name} == id && {scope}" : $"entity => entity.{resource.Key.Name} == id";

    /// <summary>
    /// A create member the client may leave out: every one but a C# <c>required</c> member and a parent's key (a missing
    /// parent is a 400 of its own). Left out, it keeps the entity's default (<c>Priority = 3</c> stays 3).
    /// </summary>
    private static bool IsOptional(ResourceModel resource, ResourceMemberModel member) =>
        !member.IsRequired && !IsParentKey(resource, member);

    private static bool IsParentKey(ResourceModel resource, ResourceMemberModel member) =>
        resource.Parents.Any(p => p.ForeignKey == member.Name);

    private const string RequiredAttribute = "global::System.ComponentModel.DataAnnotations.Required";

    /// <summary>A <c>required</c> member is nullable in the request like the others, and [Required] makes leaving it out a 400 naming it.</summary>
    private static EquatableArray<ValidationRuleModel> CreateRules(ResourceMemberModel member) =>
        !member.IsRequired || member.Rules.Any(r => r.Attribute.StartsWith(RequiredAttribute, System.StringComparison.Ordinal))
            ? member.Rules
            : new[] { new ValidationRuleModel(RequiredAttribute, $"new {RequiredAttribute}Attribute()") }.Concat(member.Rules).ToEquatableArray();

    private static string Nullable(string type) => type.EndsWith("?", System.StringComparison.Ordinal) ? type : type + "?";

    /// <summary>How a <c>required</c> member is read from the request, where validation has already rejected a null.</summary>
    private static string Carried(ResourceMemberModel member) =>
        member.Type.EndsWith("?", System.StringComparison.Ordinal) ? $"request.{member.Name}"
        : member.IsValueType ? $"request.{member.Name} ?? default"
        : $"request.{member.Name}!";

    private static string Local(string member)
    {
        var name = JsonNames.CamelCase(member);
        return name is "entity" or "request" or "defaults" || Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
            ? name + "Value"
            : name;
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static string ResultsOf(ResourceModel resource, params string[] results)
    {
        var all = results.ToList();
        if (resource.ScopedToUser)
            all.Add($"ForbidHttpResult");
        return $"Results<{string.Join(", ", all)}>";
    }
}
