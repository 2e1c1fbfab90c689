using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.SensitiveDataExposedAnalyzer>;

namespace AiBackend.Tests.Auth;

/// <summary>
/// An object returned from an action is only a leak through the members its serializer writes (issue 13): members
/// marked to be skipped by System.Text.Json, Json.NET or the data contract attributes are not in the response.
/// </summary>
public class SensitiveDataSerializerIgnoreTests
{
    [Fact]
    public async Task Members_the_serializer_skips_are_not_in_the_response()
    {
        await Verify.VerifyAsync(AuthTestCode.Usings + """
            public class Member
            {
                public int ID { get; set; }
                public string email { get; set; } = "";
                [System.Runtime.Serialization.IgnoreDataMember]
                public string password { get; set; } = "";
            }

            public class Customer
            {
                public int Id { get; set; }
                [Newtonsoft.Json.JsonIgnore]
                public string ApiKey { get; set; } = "";
                [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Always)]
                public string PasswordHash { get; set; } = "";
                [field: NonSerialized]
                public string Secret { get; set; } = "";
            }

            [Route("api/[controller]")]
            public class MembersController : Controller
            {
                private readonly List<Member> _members = new();

                [HttpGet("{id}")]
                public IActionResult Get(int id) => Json(_members.First(m => m.ID == id));

                [HttpGet]
                public IActionResult List() => Ok(_members);

                [HttpGet("customer")]
                public IActionResult Customer() => Ok(new Customer());
            }
            """);
    }

    [Fact]
    public async Task Conditional_ignores_still_write_a_password_that_is_set()
    {
        await Verify.VerifyAsync("using System.Text.Json.Serialization;\n" + AuthTestCode.Usings + """
            public class Member
            {
                public int ID { get; set; }
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
                public string? password { get; set; }
            }

            public class Tenant
            {
                public int Id { get; set; }
                [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
                public string ConnectionString { get; set; } = "";
            }

            [Route("api/[controller]")]
            public class MembersController : Controller
            {
                [HttpGet("{id}")]
                public IActionResult Get(int id) => Json({|AIB3011:new Member { ID = id }|});

                [HttpGet("tenant")]
                public IActionResult Tenant() => Ok({|AIB3011:new Tenant()|});
            }
            """);
    }
}
