"""Running a model: the engine around llama.cpp and its errors."""
