// Placeholder so the module library has a translation unit until its first source lands.
