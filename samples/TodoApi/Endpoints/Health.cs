using AiBackend;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TodoApi.Endpoints;

[Endpoint("GET", "/health", Tags = new[] { "Operations" })]
[AllowAnonymous]
public static partial class Health
{
    /// <summary>Liveness probe.</summary>
    public static Ok<string> Handle() => TypedResults.Ok("healthy");
}
