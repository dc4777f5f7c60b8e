namespace ApiBridge.Core.Output;

/// <summary>
/// The bridge payload beside the rewriter does not match it (a runtime or shim assembly from another build).
/// An installation problem, never blamed on the guest.
/// </summary>
public sealed class PayloadMismatchException(string message) : Exception(message);
