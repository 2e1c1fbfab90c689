// ============================================================================================
// DELIBERATELY INSECURE: this file exists to show the injection analysis at work. Building the
// sample prints AIB1003, AIB1004 and AIB1007 warnings for the lines below. Program.cs never maps
// these endpoints.
// ============================================================================================
namespace TodoApi.Insecure;

public static class DemoInjection
{
    public static void MapWhatNotToDo(IEndpointRouteBuilder app)
    {
        // AIB1003: a client-chosen name walks out of the folder ("../../etc/passwd").
        app.MapGet("/insecure/files/{name}", (string name) => File.ReadAllText(Path.Combine("/srv/files", name))).RequireAuthorization();

        // AIB1004: after sign-in, any site the link names.
        app.MapGet("/insecure/signed-in", (string returnUrl) => Results.Redirect(returnUrl)).RequireAuthorization();

        // AIB1007: the server fetches whatever URL it is given, internal ones included.
        app.MapGet("/insecure/preview", async (string url, HttpClient http) => await http.GetStringAsync(url)).RequireAuthorization();
    }
}
