// Labeled corpus: insecure cookies (AIB3009).
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Corpus.Auth.Cookies;

public static class CookieSetup
{
    public static void AddCookies(IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // expect: AIB3009
            options.Cookie.HttpOnly = true; // safe: AIB3009
            options.Cookie.SameSite = SameSiteMode.Lax; // safe: AIB3009
        });

        services.AddSession(options =>
        {
            options.Cookie.HttpOnly = false; // expect: AIB3009
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always; // safe: AIB3009
        });

        services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.None); // expect: AIB3009
    }

    public static void WriteTokens(HttpResponse response, string accessToken, string refreshToken)
    {
        response.Cookies.Append("access_token", accessToken); // expect: AIB3009
        response.Cookies.Append("refresh_token", refreshToken, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.None }); // expect: AIB3009
        response.Cookies.Append("session", accessToken, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict }); // safe: AIB3009
        response.Cookies.Append("theme", "dark"); // safe: AIB3009
        response.Cookies.Append("consent", "yes", new CookieOptions { Secure = true }); // safe: AIB3009
    }
}
