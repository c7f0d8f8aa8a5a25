// For configs that name a setup file; the render helper imports the same module itself.
import './test/setup';
