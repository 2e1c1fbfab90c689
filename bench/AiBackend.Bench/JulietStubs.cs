namespace AiBackend.Bench;

/// <summary>
/// Classic ASP.NET's request and response types, which .NET 10 does not have: only the members the Juliet suite and
/// typical Web Forms code call, with the real full type names so every analyser sees them as it would in a classic
/// app. Compiled into an assembly of its own, without analysers. (System.Web.HttpUtility is part of .NET itself.)
/// </summary>
internal static class JulietStubs
{
    public const string AssemblyName = "System.Web";

    public const string Source = """
        using System;
        using System.Collections.Specialized;
        using System.IO;

        namespace System.Web
        {
            public class HttpRequest
            {
                public NameValueCollection Params { get; } = new NameValueCollection();
                public NameValueCollection QueryString { get; } = new NameValueCollection();
                public NameValueCollection Form { get; } = new NameValueCollection();
                public NameValueCollection Headers { get; } = new NameValueCollection();
                public NameValueCollection ServerVariables { get; } = new NameValueCollection();
                public HttpCookieCollection Cookies { get; } = new HttpCookieCollection();
                public string this[string key] => Params[key];
                public string RawUrl { get; set; } = "";
                public string Path { get; set; } = "";
                public string PathInfo { get; set; } = "";
                public string UserAgent { get; set; } = "";
                public Uri Url { get; set; } = new Uri("http://localhost/");
                public Uri UrlReferrer { get; set; } = new Uri("http://localhost/");
                public Stream InputStream { get; } = Stream.Null;
            }

            public sealed class HttpCookie
            {
                public HttpCookie(string name) => Name = name;
                public HttpCookie(string name, string value) { Name = name; Value = value; }
                public string Name { get; set; }
                public string Value { get; set; } = "";
                public NameValueCollection Values { get; } = new NameValueCollection();
                public bool Secure { get; set; }
                public bool HttpOnly { get; set; }
                public DateTime Expires { get; set; }
            }

            public sealed class HttpCookieCollection : NameObjectCollectionBase
            {
                public HttpCookie this[int index] => Get(index);
                public HttpCookie this[string name] => Get(name);
                public HttpCookie Get(int index) => (HttpCookie)BaseGet(index);
                public HttpCookie Get(string name) => (HttpCookie)BaseGet(name);
                public void Add(HttpCookie cookie) => BaseAdd(cookie.Name, cookie);
            }

            public class HttpResponse
            {
                public int StatusCode { get; set; } = 200;
                public string StatusDescription { get; set; } = "OK";
                public string ContentType { get; set; } = "text/html";
                public HttpCookieCollection Cookies { get; } = new HttpCookieCollection();
                public TextWriter Output { get; } = TextWriter.Null;
                public void Write(string s) { }
                public void Write(object obj) { }
                public void Write(char ch) { }
                public void WriteFile(string filename) { }
                public void TransmitFile(string filename) { }
                public void Redirect(string url) { }
                public void Redirect(string url, bool endResponse) { }
                public void RedirectPermanent(string url) { }
                public void AddHeader(string name, string value) { }
                public void AppendHeader(string name, string value) { }
                public void End() { }
            }
        }
        """;
}
