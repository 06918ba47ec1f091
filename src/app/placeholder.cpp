// Wiring of the application; filled in by app.cpp.
