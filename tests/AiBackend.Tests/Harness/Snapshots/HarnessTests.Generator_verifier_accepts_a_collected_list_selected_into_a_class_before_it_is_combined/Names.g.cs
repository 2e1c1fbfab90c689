// C, D from TestProject
