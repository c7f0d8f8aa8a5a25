// For configs that name a setup file; the render helper imports the same module itself.
import './src/test/setup';
