using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Injection.Rules;

/// <summary>AIB1007: request data decides the host of an outgoing HTTP request.</summary>
internal static class ServerSideRequestForgery
{
    public static readonly DiagnosticDescriptor Descriptor = InjectionRule.CreateDescriptor(
        RuleIds.ServerSideRequestForgery,
        "Server-side request forgery",
        "A client-chosen URL makes the server call internal services or cloud metadata endpoints on the client's behalf. Fix the scheme and host in code (a constant base URL) or check the host against an allow-list.");

    private static readonly string[] RequestUri = { "requestUri" };
    private const string HttpClient = "System.Net.Http.HttpClient";
    private const string Json = "System.Net.Http.Json.HttpClientJsonExtensions";

    public static readonly InjectionRule Rule = new(
        Descriptor,
        InjectionKinds.Ssrf,
        "the URL of an outgoing request",
        new[]
        {
            new MemberRule(HttpClient, "GetAsync", parameters: RequestUri),
            new MemberRule(HttpClient, "GetStringAsync", parameters: RequestUri),
            new MemberRule(HttpClient, "GetByteArrayAsync", parameters: RequestUri),
            new MemberRule(HttpClient, "GetStreamAsync", parameters: RequestUri),
            new MemberRule(HttpClient, "PostAsync", parameters: RequestUri),
            new MemberRule(HttpClient, "PutAsync", parameters: RequestUri),
            new MemberRule(HttpClient, "PatchAsync", parameters: RequestUri),
            new MemberRule(HttpClient, "DeleteAsync", parameters: RequestUri),
            new MemberRule(HttpClient, "BaseAddress"),
            new MemberRule(Json, "GetFromJsonAsync", parameters: RequestUri),
            new MemberRule(Json, "PostAsJsonAsync", parameters: RequestUri),
            new MemberRule(Json, "PutAsJsonAsync", parameters: RequestUri),
            new MemberRule(Json, "PatchAsJsonAsync", parameters: RequestUri),
            new MemberRule(Json, "DeleteFromJsonAsync", parameters: RequestUri),
            new MemberRule("System.Net.Http.HttpRequestMessage", MemberRule.Constructor, parameters: RequestUri),
            new MemberRule("System.Net.Http.HttpRequestMessage", "RequestUri"),
        },
        defusedByFixedHost: true);
}
