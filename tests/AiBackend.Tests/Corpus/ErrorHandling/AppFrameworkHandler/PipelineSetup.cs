// The pipeline extension the Program calls; UseDefaultExceptionHandler stands for FastEndpoints' extension.
public static class PipelineSetup
{
    public static async Task<WebApplication> UsePipelineAndSeedAsync(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
            app.UseDeveloperExceptionPage();
        else
            app.UseDefaultExceptionHandler();
        app.MapGet("/", () => "Hello");
        await Task.CompletedTask;
        return app;
    }

    // A stand-in: the package's body is not in the app's source.
    public static IApplicationBuilder UseDefaultExceptionHandler(this IApplicationBuilder app) => app;
}
