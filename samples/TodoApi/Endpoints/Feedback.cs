using System.ComponentModel.DataAnnotations;
using AiBackend;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TodoApi.Endpoints;

/// <summary>A message to the team; validated by the generated endpoint filter before the handler runs.</summary>
public sealed record FeedbackRequest(
    [property: Required, MaxLength(500)] string Message,
    [property: EmailAddress] string? ReplyTo);

[Endpoint("POST", "/api/feedback")]
public static partial class SendFeedback
{
    /// <summary>Accepts feedback from a signed-in user.</summary>
    public static Accepted Handle(FeedbackRequest request, ILogger<FeedbackRequest> logger)
    {
        logger.LogInformation("Feedback received ({Length} characters)", request.Message.Length);
        return TypedResults.Accepted((string?)null);
    }
}
