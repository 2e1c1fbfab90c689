// Labeled corpus: auth middleware order (AIB3007).
namespace Corpus.Auth.Pipeline;

public static class Pipelines
{
    public static void AuthorizationFirst(WebApplication app)
    {
        app.UseRouting();
        app.UseAuthorization();
        app.UseAuthentication(); // expect: AIB3007
    }

    public static void CorsLast(WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCors("spa"); // expect: AIB3007
    }

    public static void RoutingLate(WebApplication app)
    {
        app.UseAuthentication(); // safe: AIB3007
        app.UseAuthorization();
        app.UseRouting(); // expect: AIB3007
    }

    public static void AuthenticationBeforeRouting(WebApplication app)
    {
        app.UseAuthentication();
        app.UseRouting(); // safe: AIB3007
        app.UseAuthorization(); // safe: AIB3007
    }

    public static void AuthorizationBeforeRouting(WebApplication app)
    {
        app.UseAuthorization();
        app.UseRouting(); // expect: AIB3007
    }

    public static void AntiforgeryEarly(WebApplication app)
    {
        app.UseAntiforgery();
        app.UseAuthentication(); // expect: AIB3007
        app.UseAuthorization();
    }

    public static void Standard(WebApplication app)
    {
        app.UseRouting(); // safe: AIB3007
        app.UseCors("spa"); // safe: AIB3007
        app.UseAuthentication(); // safe: AIB3007
        app.UseAuthorization(); // safe: AIB3007
        app.UseAntiforgery(); // safe: AIB3007
    }

    public static void Minimal(WebApplication app)
    {
        app.UseAuthentication(); // safe: AIB3007
        app.UseAuthorization(); // safe: AIB3007
    }
}
