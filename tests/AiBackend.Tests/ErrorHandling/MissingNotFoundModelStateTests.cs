using VerifyLookup = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.MissingNotFoundAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

/// <summary>AIB2005 with MVC's form pattern: a missing entity adds a model error and the invalid model state returns the view (issue 13).</summary>
public class MissingNotFoundModelStateTests
{
    [Fact]
    public async Task A_model_error_then_an_invalid_model_state_return_guards_the_dereference()
    {
        await VerifyLookup.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class RenameModel { public int Id { get; set; } public string Title { get; set; } = ""; }

            public sealed class TodoAdminController : Controller
            {
                private readonly Db _db;
                public TodoAdminController(Db db) => _db = db;

                [HttpPost]
                public async Task<IActionResult> Rename(RenameModel model)
                {
                    if (!ModelState.IsValid)
                        return View(model);
                    var todo = await _db.Todos.FirstOrDefaultAsync(t => t.Id == model.Id);
                    if (todo == null)
                        ModelState.AddModelError(nameof(model.Id), "No such todo.");
                    else if (todo.Title == model.Title)
                        ModelState.AddModelError(nameof(model.Title), "Same title.");
                    if (!ModelState.IsValid)
                        return View(model);
                    todo.Title = model.Title;
                    await _db.SaveChangesAsync();
                    return RedirectToAction("Index");
                }

                [HttpPost]
                public async Task<IActionResult> RenameUnchecked(RenameModel model)
                {
                    if (!ModelState.IsValid)
                        return View(model);
                    var todo = await _db.Todos.FirstOrDefaultAsync(t => t.Id == model.Id);
                    if (todo == null)
                        ModelState.AddModelError(nameof(model.Id), "No such todo.");
                    {|AIB2005:todo.Title|} = model.Title;
                    await _db.SaveChangesAsync();
                    return RedirectToAction("Index");
                }
            }
            """);
    }
}
