namespace ApiBridge.Shims.Win32;

/// <summary>Win32 error codes the shims report (winerror.h values).</summary>
public static class Win32Error
{
    public const int ERROR_SUCCESS = 0;
    public const int ERROR_INVALID_FUNCTION = 1;
    public const int ERROR_FILE_NOT_FOUND = 2;
    public const int ERROR_PATH_NOT_FOUND = 3;
    public const int ERROR_TOO_MANY_OPEN_FILES = 4;
    public const int ERROR_ACCESS_DENIED = 5;
    public const int ERROR_INVALID_HANDLE = 6;
    public const int ERROR_NOT_ENOUGH_MEMORY = 8;
    public const int ERROR_INVALID_DATA = 13;
    public const int ERROR_OUTOFMEMORY = 14;
    public const int ERROR_INVALID_DRIVE = 15;
    public const int ERROR_CURRENT_DIRECTORY = 16;
    public const int ERROR_NOT_SAME_DEVICE = 17;
    public const int ERROR_NO_MORE_FILES = 18;
    public const int ERROR_NOT_READY = 21;
    public const int ERROR_GEN_FAILURE = 31;
    public const int ERROR_SHARING_VIOLATION = 32;
    public const int ERROR_LOCK_VIOLATION = 33;
    public const int ERROR_HANDLE_EOF = 38;
    public const int ERROR_HANDLE_DISK_FULL = 39;
    public const int ERROR_NOT_SUPPORTED = 50;
    public const int ERROR_BAD_NETPATH = 53;
    public const int ERROR_FILE_EXISTS = 80;
    public const int ERROR_CANNOT_MAKE = 82;
    public const int ERROR_INVALID_PARAMETER = 87;
    public const int ERROR_BROKEN_PIPE = 109;
    public const int ERROR_BUFFER_OVERFLOW = 111;
    public const int ERROR_DISK_FULL = 112;
    public const int ERROR_INSUFFICIENT_BUFFER = 122;
    public const int ERROR_INVALID_NAME = 123;
    public const int ERROR_DIR_NOT_ROOT = 144;
    public const int ERROR_MR_MID_NOT_FOUND = 317;
    public const int ERROR_NEGATIVE_SEEK = 131;
    public const int ERROR_DIR_NOT_EMPTY = 145;
    public const int ERROR_BAD_PATHNAME = 161;
    public const int ERROR_ALREADY_EXISTS = 183;
    public const int ERROR_NOT_OWNER = 288;
    public const int ERROR_TOO_MANY_POSTS = 298;
    public const int ERROR_ENVVAR_NOT_FOUND = 203;
    public const int ERROR_FILENAME_EXCED_RANGE = 206;
    public const int ERROR_BAD_EXE_FORMAT = 193;
    public const int ERROR_MORE_DATA = 234;
    public const int ERROR_NO_MORE_ITEMS = 259;
    public const int ERROR_DIRECTORY = 267;
    public const int ERROR_NOACCESS = 998;
    public const int ERROR_IO_PENDING = 997;
    public const int ERROR_CANT_RESOLVE_FILENAME = 1921;
    public const int ERROR_UNABLE_TO_REMOVE_REPLACED = 1175;
    public const int ERROR_UNABLE_TO_MOVE_REPLACEMENT = 1176;
    public const int ERROR_INVALID_FLAGS = 1004;
    public const int ERROR_REQUEST_ABORTED = 1235;
    public const int ERROR_NO_UNICODE_TRANSLATION = 1113;
}
