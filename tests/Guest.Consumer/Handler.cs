using Wasi.Http.Types;
using WitBindgen.Guest;

namespace Wasi.Http.IncomingHandler;

/// <summary>The component's export: answers every request with 204, its headers and an empty body.</summary>
public static partial class IncomingHandlerExports
{
    /// <summary>Handles one request.</summary>
    public static partial void Handle(IncomingRequest request, ResponseOutparam responseOut)
    {
        using (request)
        {
            var response = new OutgoingResponse(new Fields());
            var status = response.SetStatusCode(204);
            if (status.IsErr)
            {
                response.Dispose();
                ResponseOutparam.Set(responseOut, Result<OutgoingResponse, ErrorCode>.FromErr(new ErrorCode.InternalError("status")));
                return;
            }

            ResponseOutparam.Set(responseOut, Result<OutgoingResponse, ErrorCode>.FromOk(response));
        }
    }
}
