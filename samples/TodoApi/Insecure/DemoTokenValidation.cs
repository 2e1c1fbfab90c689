// ============================================================================================
// DELIBERATELY INSECURE: this file exists to show the analyzers at work. Building the sample
// prints AIB3002 warnings for the lines below. It is never called by the app.
// ============================================================================================
using Microsoft.IdentityModel.Tokens;

namespace TodoApi.Insecure;

public static class DemoTokenValidation
{
    public static TokenValidationParameters WhatNotToDo() => new()
    {
        ValidateIssuer = false,   // AIB3002: tokens from any issuer are accepted
        ValidateLifetime = false, // AIB3002: expired tokens are accepted
    };
}
