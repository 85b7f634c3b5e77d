using System.Net.Http.Headers;
using System.Text;
using OrleansRemarks.Tests.Http;

namespace OrleansRemarks.Tests.Security;

/// <summary>Requests with or without credentials and forwarded-for headers.</summary>
public static class Requests
{
    public static HttpRequestMessage Get(string path, string? bearer = null, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        return request;
    }

    public static HttpRequestMessage GetWithBasic(string path, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return request;
    }

    /// <summary>An OpenIM after-set-remark callback on the default base path.</summary>
    public static HttpRequestMessage SetRemarkCallback(string owner, string friend, string remark, string? forwardedFor = null)
    {
        const string Command = "callbackAfterSetFriendRemarkCommand";
        var request = OpenImCallbackSender.CreateRequest(
            "/callbackExample/" + Command, GoJson.FriendRemarkCallback(Command, owner, friend, remark), operationId: null);
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        return request;
    }
}
